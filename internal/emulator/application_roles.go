package emulator

import "net/http"

// registerApplicationRoles adds /api/applications/{id}/roles.
func (s *Server) registerApplicationRoles(rt *router) {
	rt.handle(http.MethodGet, "/api/applications/{id}/roles", managementAPI, s.listApplicationRoles)
	rt.handle(http.MethodPost, "/api/applications/{id}/roles", managementAPI, s.addApplicationRoles)
	rt.handle(http.MethodPut, "/api/applications/{id}/roles", managementAPI, s.replaceApplicationRoles)
	rt.handle(http.MethodDelete, "/api/applications/{id}/roles/{roleId}", managementAPI, s.removeApplicationRole)
}

// roleAssignment is the answer of POST /users/{id}/roles and /applications/{id}/roles.
type roleAssignment struct {
	RoleIDs      []string `json:"roleIds"`
	AddedRoleIDs []string `json:"addedRoleIds"`
}

// m2mApplicationLocked finds an application that may hold roles: 404 when it does not exist,
// 422 application.invalid_type when it is not machine-to-machine.
func (s *Server) m2mApplicationLocked(id string) reply {
	app, ok := s.linkedApplicationLocked(id)
	if !ok {
		return replyNotExistsWithID(applicationTable, id)
	}
	if app.Type != typeM2M {
		return replyMessage(http.StatusUnprocessableEntity, "application.invalid_type",
			"Only machine to machine applications can have associated roles.")
	}
	return nil
}

// rolesOfLocked returns the roles linked to an application or user, oldest link first.
func (s *Server) rolesOfLocked(links map[string]*link, otherID string) []Role {
	out := []Role{}
	for _, l := range linksOf(links, otherID, false) {
		if rec := s.access.roles[l.RoleID]; rec != nil {
			out = append(out, rec.Role)
		}
	}
	return out
}

// listApplicationRoles is GET /api/applications/{id}/roles: always paged, with search.
func (s *Server) listApplicationRoles(w http.ResponseWriter, r *http.Request) {
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
	if failed := s.m2mApplicationLocked(id); failed != nil {
		s.mu.Unlock()
		failed(w)
		return
	}
	var rows []Role
	for _, role := range s.rolesOfLocked(s.access.roleApps, id) {
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

// checkRolesLocked answers 404 for the first unknown role id, and wrongType for the first role
// of another type than want.
func (s *Server) checkRolesLocked(ids []string, want string, wrongType reply) reply {
	for _, roleID := range ids {
		if s.access.roles[roleID] == nil {
			return replyNotExistsWithID(roleTable, roleID)
		}
	}
	for _, roleID := range ids {
		if s.access.roles[roleID].Role.Type != want {
			return wrongType
		}
	}
	return nil
}

// addApplicationRoles is POST /api/applications/{id}/roles {roleIds}: 201 with the ids asked
// for and those newly added (already held roles are skipped, not refused).
func (s *Server) addApplicationRoles(w http.ResponseWriter, r *http.Request) {
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
		if failed := s.m2mApplicationLocked(id); failed != nil {
			return failed
		}
		wrongType := replyMessage(http.StatusUnprocessableEntity, "application.invalid_role_type",
			"Can not assign user type role to machine to machine application.")
		if failed := s.checkRolesLocked(ids, roleTypeM2M, wrongType); failed != nil {
			return failed
		}
		added := []string{}
		for _, roleID := range ids {
			if s.access.addLink(s.access.roleApps, roleID, id, &s.seq) {
				added = append(added, roleID)
			}
		}
		return s.replyCommitted(replyJSON(http.StatusCreated, roleAssignment{RoleIDs: ids, AddedRoleIDs: added}))
	})
}

// replaceApplicationRoles is PUT /api/applications/{id}/roles {roleIds}: 200 "OK". Like Logto
// it is not transactional: the existing roles are removed first, then a User role among the new
// ones fails with 422 entity.db_constraint_violated, leaving the application without roles.
func (s *Server) replaceApplicationRoles(w http.ResponseWriter, r *http.Request) {
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
		if failed := s.m2mApplicationLocked(id); failed != nil {
			return failed
		}
		if failed := s.checkRolesLocked(ids, roleTypeM2M, nil); failed != nil {
			return failed
		}
		dropLinks(s.access.roleApps, id, false)
		for _, roleID := range ids {
			if s.access.roles[roleID].Role.Type != roleTypeM2M {
				return s.replyCommitted(replyError(http.StatusUnprocessableEntity, constraintViolationCode))
			}
		}
		for _, roleID := range ids {
			s.access.addLink(s.access.roleApps, roleID, id, &s.seq)
		}
		return s.replyCommitted(replyText(http.StatusOK, "OK"))
	})
}

// removeApplicationRole is DELETE /api/applications/{id}/roles/{roleId}: 204, or 404
// entity.not_found when the application does not hold the role.
func (s *Server) removeApplicationRole(w http.ResponseWriter, r *http.Request) {
	id, roleID := r.PathValue("id"), r.PathValue("roleId")
	s.withState(w, func() reply {
		if failed := s.m2mApplicationLocked(id); failed != nil {
			return failed
		}
		key := linkKey(roleID, id)
		if s.access.roleApps[key] == nil {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		delete(s.access.roleApps, key)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}
