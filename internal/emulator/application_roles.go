package emulator

import (
	"net/http"
	"slices"
)

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
// for and those newly added. Like Logto, the ids the application already holds are dropped first
// (so repeating the request changes nothing), then the rest are checked: a User role answers 422
// application.invalid_role_type, an unknown id 404, and nothing is added in either case.
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
		toAdd := []string{}
		for _, roleID := range ids {
			if s.access.roleApps[linkKey(roleID, id)] == nil && !slices.Contains(toAdd, roleID) {
				toAdd = append(toAdd, roleID)
			}
		}
		for _, roleID := range toAdd {
			if rec := s.access.roles[roleID]; rec != nil && rec.Role.Type != roleTypeM2M {
				return replyInvalidRoleType()
			}
		}
		for _, roleID := range toAdd {
			if s.access.roles[roleID] == nil {
				return replyNotExistsWithID(roleTable, roleID)
			}
		}
		for _, roleID := range toAdd {
			s.access.addLink(s.access.roleApps, roleID, id, &s.seq)
		}
		return s.replyCommitted(replyJSON(http.StatusCreated, roleAssignment{RoleIDs: ids, AddedRoleIDs: toAdd}))
	})
}

// replyInvalidRoleType is the answer to a User role given to an application by POST.
func replyInvalidRoleType() reply {
	return replyMessage(http.StatusUnprocessableEntity, "application.invalid_role_type",
		"Can not assign user type role to machine to machine application.")
}

// replaceApplicationRoles is PUT /api/applications/{id}/roles {roleIds}: 200 "OK". It works as
// Logto 1.42's handler does, in steps and without a transaction:
//  1. the ids not held yet are to be added (in the order given, duplicates kept), the roles held
//     but not listed are to be removed;
//  2. an unknown id among those to add answers 404, before anything changed;
//  3. the roles to remove are removed;
//  4. the roles to add are inserted by one statement, which fails when there is none (422
//     entity.invalid_input "Invalid input. Value list must not be empty."), for a User role
//     (422 entity.db_constraint_violated: the database trigger) or for an id listed twice (500,
//     the unique key, which Logto's error handler does not map), adding none of them.
//
// So every PUT that adds nothing — the same set again, a subset, [] — answers 422 although it
// removed what it had to, and a failed insert leaves the application with the roles it kept.
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
		var toAdd, toRemove []string
		for _, roleID := range ids {
			if s.access.roleApps[linkKey(roleID, id)] == nil {
				toAdd = append(toAdd, roleID)
			}
		}
		for _, l := range linksOf(s.access.roleApps, id, false) {
			if !slices.Contains(ids, l.RoleID) {
				toRemove = append(toRemove, l.RoleID)
			}
		}
		for _, roleID := range toAdd {
			if s.access.roles[roleID] == nil {
				return replyNotExistsWithID(roleTable, roleID)
			}
		}
		for _, roleID := range toRemove {
			delete(s.access.roleApps, linkKey(roleID, id))
		}
		if failed := s.insertableApplicationRolesLocked(toAdd); failed != nil {
			return s.replyCommitted(failed)
		}
		for _, roleID := range toAdd {
			s.access.addLink(s.access.roleApps, roleID, id, &s.seq)
		}
		return s.replyCommitted(replyText(http.StatusOK, "OK"))
	})
}

// insertableApplicationRolesLocked is the check of Logto's insert of application role links,
// row by row: nil when every role can be inserted, else the answer to the failed insert.
func (s *Server) insertableApplicationRolesLocked(roleIDs []string) reply {
	if len(roleIDs) == 0 {
		return replyEmptyUpdate()
	}
	for i, roleID := range roleIDs {
		if s.access.roles[roleID].Role.Type != roleTypeM2M {
			return replyConstraintViolated()
		}
		if slices.Contains(roleIDs[:i], roleID) {
			return writeInternalError
		}
	}
	return nil
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
