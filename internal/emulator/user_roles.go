package emulator

import "net/http"

// registerUserRoles adds /api/users/{id}/roles.
func (s *Server) registerUserRoles(rt *router) {
	rt.handle(http.MethodGet, "/api/users/{id}/roles", managementAPI, s.listUserRoles)
	rt.handle(http.MethodPost, "/api/users/{id}/roles", managementAPI, s.addUserRoles)
	rt.handle(http.MethodPut, "/api/users/{id}/roles", managementAPI, s.replaceUserRoles)
	rt.handle(http.MethodDelete, "/api/users/{id}/roles/{roleId}", managementAPI, s.removeUserRole)
}

// listUserRoles is GET /api/users/{id}/roles: always paged, with search.
func (s *Server) listUserRoles(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, false)
	if !ok {
		return
	}
	match, ok := searchMatcher(w, pairs, roleSearchFields)
	if !ok {
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	if s.access.users[id] == nil {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, "entity.not_found")
		return
	}
	var rows []Role
	for _, role := range s.rolesOfLocked(s.access.roleUsers, id) {
		if match(roleField(&role)) {
			rows = append(rows, role)
		}
	}
	total := len(rows)
	out := append([]Role{}, pageOf(rows, paging)...)
	s.mu.Unlock()
	writePagingHeaders(w, r, pairs, paging, total)
	writeJSON(w, http.StatusOK, out)
}

// addUserRoles is POST /api/users/{id}/roles {roleIds}: 201 {roleIds, addedRoleIds}; a
// MachineToMachine role answers 422 user.invalid_role_type.
func (s *Server) addUserRoles(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	ids, issues := parseIDList(body, "roleIds", false)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if s.access.users[id] == nil {
			return replyUserNotFound()
		}
		wrongType := replyMessage(http.StatusUnprocessableEntity, "user.invalid_role_type",
			"Invalid role type, can not assign machine-to-machine role to user.")
		if failed := s.checkRolesLocked(ids, roleTypeUser, wrongType); failed != nil {
			return failed
		}
		added := []string{}
		for _, roleID := range ids {
			if s.access.addLink(s.access.roleUsers, roleID, id, &s.seq) {
				added = append(added, roleID)
			}
		}
		return s.replyCommitted(replyJSON(http.StatusCreated, roleAssignment{RoleIDs: ids, AddedRoleIDs: added}))
	})
}

// replaceUserRoles is PUT /api/users/{id}/roles {roleIds}: 200 {roleIds}. Not transactional,
// like Logto: the existing roles are removed first, then a MachineToMachine role fails with 422
// entity.db_constraint_violated, leaving the user without roles.
func (s *Server) replaceUserRoles(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	ids, issues := parseIDList(body, "roleIds", false)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if s.access.users[id] == nil {
			return replyUserNotFound()
		}
		if failed := s.checkRolesLocked(ids, roleTypeUser, nil); failed != nil {
			return failed
		}
		dropLinks(s.access.roleUsers, id, false)
		for _, roleID := range ids {
			if s.access.roles[roleID].Role.Type != roleTypeUser {
				return s.replyCommitted(replyError(http.StatusUnprocessableEntity, constraintViolationCode))
			}
		}
		for _, roleID := range ids {
			s.access.addLink(s.access.roleUsers, roleID, id, &s.seq)
		}
		return s.replyCommitted(replyJSON(http.StatusOK, struct {
			RoleIDs []string `json:"roleIds"`
		}{ids}))
	})
}

// removeUserRole is DELETE /api/users/{id}/roles/{roleId}: 204, or 404 entity.not_found.
func (s *Server) removeUserRole(w http.ResponseWriter, r *http.Request) {
	id, roleID := r.PathValue("id"), r.PathValue("roleId")
	s.withState(w, func() reply {
		if s.access.users[id] == nil {
			return replyUserNotFound()
		}
		key := linkKey(roleID, id)
		if s.access.roleUsers[key] == nil {
			return replyUserNotFound()
		}
		delete(s.access.roleUsers, key)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}
