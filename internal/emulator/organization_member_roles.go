package emulator

import (
	"net/http"
	"strings"
)

// Organization roles of members: users hold User roles, applications MachineToMachine roles
// (a database check; the wrong type answers 422 entity.db_constraint_violated). The routes under
// /api/organizations/{id}/users/{userId}/roles and …/applications/{applicationId}/roles first
// check membership (422 organization.require_membership), even before the body is validated.

// memberKind tells users from applications.
type memberKind int

const (
	userMembers memberKind = iota
	applicationMembers
)

// collection is the path segment of the kind.
func (k memberKind) collection() string {
	if k == userMembers {
		return "users"
	}
	return "applications"
}

// param is the name of the member id in the route patterns.
func (k memberKind) param() string {
	if k == userMembers {
		return "userId"
	}
	return "applicationId"
}

// roleType is the organization role type members of the kind may hold.
func (k memberKind) roleType() string {
	if k == userMembers {
		return roleTypeUser
	}
	return roleTypeM2M
}

// sets returns the membership and role sets of the kind.
func (s *Server) memberSets(k memberKind) (*map[pair]bool, *map[triple]bool) {
	if k == userMembers {
		return &s.org.users, &s.org.userRoles
	}
	return &s.org.apps, &s.org.appRoles
}

// memberRoles mounts /api/organizations/{id}/users/{userId}/roles or
// /api/organizations/{id}/applications/{applicationId}/roles.
type memberRoles struct{ kind memberKind }

func (mr memberRoles) register(s *Server, rt *router) {
	pattern := "/api/organizations/{id}/" + mr.kind.collection() + "/{" + mr.kind.param() + "}/roles"
	rt.handle(http.MethodGet, pattern, managementAPI, func(w http.ResponseWriter, r *http.Request) { mr.list(s, w, r) })
	rt.handle(http.MethodPost, pattern, managementAPI, func(w http.ResponseWriter, r *http.Request) { mr.write(s, w, r, false) })
	rt.handle(http.MethodPut, pattern, managementAPI, func(w http.ResponseWriter, r *http.Request) { mr.write(s, w, r, true) })
	rt.handle(http.MethodDelete, pattern+"/{organizationRoleId}", managementAPI, func(w http.ResponseWriter, r *http.Request) { mr.remove(s, w, r) })
}

// notMemberLocked returns 422 organization.require_membership when the member is not in the
// organization, or nil.
func (mr memberRoles) notMemberLocked(s *Server, orgID, memberID string) reply {
	members, _ := s.memberSets(mr.kind)
	if !(*members)[pair{orgID, memberID}] {
		return replyRequireMembership()
	}
	return nil
}

// list is GET …/roles: the member's roles by id; paging optional.
func (mr memberRoles) list(s *Server, w http.ResponseWriter, r *http.Request) {
	orgID, memberID := r.PathValue("id"), r.PathValue(mr.kind.param())
	s.mu.Lock()
	failed := mr.notMemberLocked(s, orgID, memberID)
	var rows []OrganizationRole
	if failed == nil {
		_, roles := s.memberSets(mr.kind)
		for _, roleID := range rolesOf(*roles, orgID, memberID) {
			if role := s.org.roles[roleID]; role != nil {
				rows = append(rows, role.clone())
			}
		}
	}
	s.mu.Unlock()
	if failed != nil {
		failed(w)
		return
	}
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, true)
	if !ok {
		return
	}
	if !paging.disabled {
		writePagingHeaders(w, r, pairs, paging, len(rows))
	}
	writeJSON(w, http.StatusOK, append([]OrganizationRole{}, pageOf(rows, paging)...))
}

// write is POST (add) or PUT (replace) …/roles. Users send organizationRoleIds and/or
// organizationRoleNames (unknown names: 422 organization.role_names_not_found), deduplicated;
// POST answers 201 {organizationRoleIds}, and 422 entity.invalid_input when there is none.
// Applications send a nonempty organizationRoleIds; POST answers 201 "Created", and PUT does
// not deduplicate (a repeated id: 422 entity.unique_integrity_violation). PUT is transactional.
func (mr memberRoles) write(s *Server, w http.ResponseWriter, r *http.Request, replace bool) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	orgID, memberID := r.PathValue("id"), r.PathValue(mr.kind.param())
	s.withState(w, func() reply {
		if failed := mr.notMemberLocked(s, orgID, memberID); failed != nil {
			return failed
		}
		var roleIDs []string
		if mr.kind == userMembers {
			ids, names, z := parseRoleAssignment(body)
			if !z.empty() {
				return func(w http.ResponseWriter) { writeGuardError(w, "body", z) }
			}
			fromNames, failed := s.organizationRolesNamedLocked(names)
			if failed != nil {
				return failed
			}
			roleIDs = dedupe(append(ids, fromNames...))
			if !replace && len(roleIDs) == 0 {
				return replyEmptyUpdate()
			}
		} else {
			ids, z := parseIDList(body, "organizationRoleIds", true)
			if !z.empty() {
				return func(w http.ResponseWriter) { writeGuardError(w, "body", z) }
			}
			roleIDs = ids
		}
		if failed := s.checkMemberRolesLocked(mr.kind, orgID, []string{memberID}, roleIDs, replace); failed != nil {
			return failed
		}
		_, roles := s.memberSets(mr.kind)
		if replace {
			dropWhere(*roles, func(t triple) bool { return t[0] == orgID && t[1] == memberID })
		}
		for _, roleID := range roleIDs {
			addTo(roles, triple{orgID, memberID, roleID})
		}
		switch {
		case replace:
			return s.replyCommitted(replyStatus(http.StatusNoContent))
		case mr.kind == userMembers:
			return s.replyCommitted(replyJSON(http.StatusCreated, ordered{{"organizationRoleIds", roleIDs}}))
		default:
			return s.replyCommitted(replyText(http.StatusCreated, "Created"))
		}
	})
}

// organizationRolesNamedLocked returns the ids of the roles with the given names, or 422
// organization.role_names_not_found naming the missing ones.
func (s *Server) organizationRolesNamedLocked(names []string) ([]string, reply) {
	var ids, missing []string
	for _, name := range names {
		found := false
		for _, role := range s.sortedOrganizationRolesLocked() {
			if role.Name == name {
				ids, found = append(ids, role.ID), true
				break
			}
		}
		if !found {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, replyMessage(http.StatusUnprocessableEntity, "organization.role_names_not_found",
			"Invalid role names detected: "+conjunction(missing)+". Please create these roles first before proceeding.")
	}
	return ids, nil
}

// checkMemberRolesLocked answers the database's objection to inserting (organization, member,
// role) rows for every member and role, or nil: a value too long, then row by row the type check
// and (when duplicates count, for PUTs that do not deduplicate) the primary key, then the
// foreign keys (the role, and the membership).
func (s *Server) checkMemberRolesLocked(k memberKind, orgID string, memberIDs, roleIDs []string, replace bool) reply {
	if failed := tooLong(idColumnLength, append(append([]string{orgID}, memberIDs...), roleIDs...)...); failed != nil {
		return failed
	}
	members, roles := s.memberSets(k)
	seen := map[triple]bool{}
	for _, roleID := range roleIDs {
		for _, memberID := range memberIDs {
			if role := s.org.roles[roleID]; role != nil && role.Type != k.roleType() {
				return replyConstraintViolated()
			}
			row := triple{orgID, memberID, roleID}
			if replace && seen[row] {
				return replyUniqueViolation()
			}
			seen[row] = true
		}
	}
	for _, roleID := range roleIDs {
		for _, memberID := range memberIDs {
			if (*roles)[triple{orgID, memberID, roleID}] && !replace {
				continue // ON CONFLICT DO NOTHING
			}
			if s.org.roles[roleID] == nil || !(*members)[pair{orgID, memberID}] {
				return replyForeignKeyNotFound()
			}
		}
	}
	return nil
}

// remove is DELETE …/roles/{roleId}: 204, or 404 entity.not_found.
func (mr memberRoles) remove(s *Server, w http.ResponseWriter, r *http.Request) {
	orgID, memberID, roleID := r.PathValue("id"), r.PathValue(mr.kind.param()), r.PathValue("organizationRoleId")
	s.withState(w, func() reply {
		if failed := mr.notMemberLocked(s, orgID, memberID); failed != nil {
			return failed
		}
		_, roles := s.memberSets(mr.kind)
		key := triple{orgID, memberID, roleID}
		if !(*roles)[key] {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		delete(*roles, key)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}

// addMembersRoles is POST /api/organizations/{id}/<kind>/roles {userIds|applicationIds,
// organizationRoleIds}: 201 "Created", every role to every member, rows already there skipped.
func (s *Server) addMembersRoles(w http.ResponseWriter, r *http.Request, k memberKind) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	key := strings.TrimSuffix(k.collection(), "s")
	lists, issues := parseIDLists(body, key+"Ids", "organizationRoleIds")
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	orgID := r.PathValue("id")
	s.withState(w, func() reply {
		if failed := s.checkMemberRolesLocked(k, orgID, lists[0], lists[1], false); failed != nil {
			return failed
		}
		_, roles := s.memberSets(k)
		for _, roleID := range lists[1] {
			for _, memberID := range lists[0] {
				addTo(roles, triple{orgID, memberID, roleID})
			}
		}
		return s.replyCommitted(replyText(http.StatusCreated, "Created"))
	})
}
