package emulator

import (
	"net/http"
	"sort"
)

// Members of an organization (users) and their organization roles, plus GET
// /api/users/{id}/organizations.

// registerOrganizationUsers adds /api/organizations/{id}/users and its role routes.
func (s *Server) registerOrganizationUsers(rt *router) {
	const users = "/api/organizations/{id}/users"
	rt.handle(http.MethodGet, users, managementAPI, s.listOrganizationUsers)
	rt.handle(http.MethodPost, users, managementAPI, s.addOrganizationUsers)
	rt.handle(http.MethodPut, users, managementAPI, s.replaceOrganizationUsers)
	rt.handle(http.MethodDelete, users+"/{userId}", managementAPI, s.removeOrganizationUser)
	rt.handle(http.MethodPost, users+"/roles", managementAPI, s.addOrganizationUsersRoles)
	memberRoles{kind: userMembers}.register(s, rt)
	rt.handle(http.MethodGet, "/api/users/{id}/organizations", managementAPI, s.listUserOrganizations)
}

// organizationUser is a member as GET /api/organizations/{id}/users answers it: Logto's
// userInfo fields (no hasPassword) and the member's organization roles by name.
type organizationUser struct {
	ID                string      `json:"id"`
	Username          *string     `json:"username"`
	PrimaryEmail      *string     `json:"primaryEmail"`
	PrimaryPhone      *string     `json:"primaryPhone"`
	Name              *string     `json:"name"`
	Avatar            *string     `json:"avatar"`
	CustomData        JSONObject  `json:"customData"`
	Identities        JSONObject  `json:"identities"`
	LastSignInAt      *int64      `json:"lastSignInAt"`
	CreatedAt         int64       `json:"createdAt"`
	UpdatedAt         int64       `json:"updatedAt"`
	Profile           UserProfile `json:"profile"`
	ApplicationID     *string     `json:"applicationId"`
	IsSuspended       bool        `json:"isSuspended"`
	OrganizationRoles []idName    `json:"organizationRoles"`
}

// roleEntitiesLocked returns {id, name} of the given organization roles, by name.
func (s *Server) roleEntitiesLocked(roleIDs []string) []idName {
	out := []idName{}
	for _, id := range roleIDs {
		if role := s.org.roles[id]; role != nil {
			out = append(out, idName{ID: id, Name: role.Name})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// listOrganizationUsers is GET /api/organizations/{id}/users: always paged, by user id; `q`
// matches id, primaryEmail, primaryPhone, username or name as ILIKE '%q%'; organizationRoleId
// keeps members holding that role. A missing organization has no members (200 []).
func (s *Server) listOrganizationUsers(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, false)
	if !ok {
		return
	}
	query, ok := queryStrings(w, pairs, "q", "organizationRoleId")
	if !ok {
		return
	}
	if v := query["organizationRoleId"]; v != nil && *v == "" {
		z := &zodIssues{}
		z.tooSmallString(path{"organizationRoleId"}, 1)
		writeGuardError(w, "query", z)
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	var rows []organizationUser
	for _, userID := range secondsOf(s.org.users, id) {
		rec := s.access.users[userID]
		if rec == nil {
			continue
		}
		u := rec.User.clone()
		roles := rolesOf(s.org.userRoles, id, userID)
		if v := query["organizationRoleId"]; v != nil && !contains(roles, *v) {
			continue
		}
		if q := query["q"]; q != nil && *q != "" && !keywordMatch(*q, &u.ID, u.PrimaryEmail, u.PrimaryPhone, u.Username, u.Name) {
			continue
		}
		rows = append(rows, organizationUser{
			ID: u.ID, Username: u.Username, PrimaryEmail: u.PrimaryEmail, PrimaryPhone: u.PrimaryPhone, Name: u.Name,
			Avatar: u.Avatar, CustomData: u.CustomData, Identities: u.Identities, LastSignInAt: u.LastSignInAt,
			CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt, Profile: u.Profile, ApplicationID: u.ApplicationID,
			IsSuspended: u.IsSuspended, OrganizationRoles: s.roleEntitiesLocked(roles),
		})
	}
	s.mu.Unlock()
	writePagingHeaders(w, r, pairs, paging, len(rows))
	writeJSON(w, http.StatusOK, append([]organizationUser{}, pageOf(rows, paging)...))
}

// checkMembersLocked answers the database's objection to adding members (a missing
// organization or member: 422 entity.relation_foreign_key_not_found), or nil.
func (s *Server) checkMembersLocked(orgID string, ids []string, exists func(string) bool) reply {
	if failed := tooLong(idColumnLength, append([]string{orgID}, ids...)...); failed != nil {
		return failed
	}
	if s.org.orgs[orgID] == nil {
		return replyForeignKeyNotFound()
	}
	for _, id := range ids {
		if !exists(id) {
			return replyForeignKeyNotFound()
		}
	}
	return nil
}

func (s *Server) userExistsLocked(id string) bool { return s.access.users[id] != nil }

// addOrganizationUsers is POST /api/organizations/{id}/users {userIds}: 201 echoing the body's
// userIds; members already there are skipped (adding a user twice succeeds).
func (s *Server) addOrganizationUsers(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	ids, issues := parseIDList(body, "userIds", true)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		var fresh []string
		for _, userID := range dedupe(ids) {
			if !s.org.users[pair{id, userID}] {
				fresh = append(fresh, userID)
			}
		}
		if len(fresh) > 0 {
			if failed := s.checkMembersLocked(id, fresh, s.userExistsLocked); failed != nil {
				return failed
			}
		}
		for _, userID := range fresh {
			addTo(&s.org.users, pair{id, userID})
		}
		return s.replyCommitted(replyJSON(http.StatusCreated, ordered{{"userIds", ids}}))
	})
}

// replaceOrganizationUsers is PUT /api/organizations/{id}/users {userIds}: 204; members not
// listed leave (with their roles), new ones join, in one transaction.
func (s *Server) replaceOrganizationUsers(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	ids, issues := parseIDList(body, "userIds", false)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		return s.replaceMembersLocked(id, dedupe(ids), &s.org.users, s.org.userRoles, s.userExistsLocked, nil)
	})
}

// replaceMembersLocked replaces the members of one kind: those not in ids leave with their
// roles; check (when set) refuses a new member before the foreign keys are checked.
func (s *Server) replaceMembersLocked(orgID string, ids []string, members *map[pair]bool, roles map[triple]bool,
	exists func(string) bool, check func(string) bool,
) reply {
	var fresh []string
	for _, memberID := range ids {
		if !(*members)[pair{orgID, memberID}] {
			fresh = append(fresh, memberID)
		}
	}
	if len(fresh) > 0 {
		if failed := tooLong(idColumnLength, append([]string{orgID}, fresh...)...); failed != nil {
			return failed
		}
		for _, memberID := range fresh {
			if check != nil && !check(memberID) {
				return replyConstraintViolated()
			}
		}
		if failed := s.checkMembersLocked(orgID, fresh, exists); failed != nil {
			return failed
		}
	}
	keep := map[string]bool{}
	for _, memberID := range ids {
		keep[memberID] = true
	}
	dropWhere(*members, func(p pair) bool { return p[0] == orgID && !keep[p[1]] })
	dropWhere(roles, func(t triple) bool { return t[0] == orgID && !keep[t[1]] })
	for _, memberID := range fresh {
		addTo(members, pair{orgID, memberID})
	}
	return s.replyCommitted(replyStatus(http.StatusNoContent))
}

// removeOrganizationUser is DELETE /api/organizations/{id}/users/{userId}: 204 (the member's
// roles go too), or 404 entity.not_found.
func (s *Server) removeOrganizationUser(w http.ResponseWriter, r *http.Request) {
	orgID, userID := r.PathValue("id"), r.PathValue("userId")
	s.withState(w, func() reply {
		if !s.org.users[pair{orgID, userID}] {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		delete(s.org.users, pair{orgID, userID})
		dropWhere(s.org.userRoles, func(t triple) bool { return t[0] == orgID && t[1] == userID })
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}

// addOrganizationUsersRoles is POST /api/organizations/{id}/users/roles {userIds,
// organizationRoleIds}: 201 "Created", every role to every user. A machine-to-machine role
// answers 422 entity.db_constraint_violated; an unknown role or a user who is not a member the
// foreign key error.
func (s *Server) addOrganizationUsersRoles(w http.ResponseWriter, r *http.Request) {
	s.addMembersRoles(w, r, userMembers)
}

// listUserOrganizations is GET /api/users/{id}/organizations: the user's organizations by id,
// each with the user's roles in it (not paged); a missing user answers 404 entity.not_found.
func (s *Server) listUserOrganizations(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if s.access.users[id] == nil {
			return replyUserNotFound()
		}
		return replyJSON(http.StatusOK, s.memberOrganizationsLocked(s.org.users, s.org.userRoles, id))
	})
}

// organizationWithRoles is an organization with a member's roles in it.
type organizationWithRoles struct {
	Organization
	OrganizationRoles []idName `json:"organizationRoles"`
}

// memberOrganizationsLocked lists a member's organizations by id, with its roles in each.
func (s *Server) memberOrganizationsLocked(members map[pair]bool, roles map[triple]bool, memberID string) []organizationWithRoles {
	out := []organizationWithRoles{}
	for _, orgID := range firstsOf(members, memberID) {
		if o := s.org.orgs[orgID]; o != nil {
			out = append(out, organizationWithRoles{Organization: o.clone(), OrganizationRoles: s.roleEntitiesLocked(rolesOf(roles, orgID, memberID))})
		}
	}
	return out
}
