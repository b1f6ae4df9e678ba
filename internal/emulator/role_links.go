package emulator

import (
	"fmt"
	"net/http"
	"sort"
)

// registerRoleLinks adds /api/roles/{id}/scopes, /applications and /users.
func (s *Server) registerRoleLinks(rt *router) {
	rt.handle(http.MethodGet, "/api/roles/{id}/scopes", managementAPI, s.listRoleScopes)
	rt.handle(http.MethodPost, "/api/roles/{id}/scopes", managementAPI, s.addRoleScopes)
	rt.handle(http.MethodDelete, "/api/roles/{id}/scopes/{scopeId}", managementAPI, s.removeRoleScope)
	rt.handle(http.MethodGet, "/api/roles/{id}/applications", managementAPI, s.listRoleApplications)
	rt.handle(http.MethodPost, "/api/roles/{id}/applications", managementAPI, s.addRoleApplications)
	rt.handle(http.MethodDelete, "/api/roles/{id}/applications/{otherId}", managementAPI, s.removeRoleApplication)
	rt.handle(http.MethodGet, "/api/roles/{id}/users", managementAPI, s.listRoleUsers)
	rt.handle(http.MethodPost, "/api/roles/{id}/users", managementAPI, s.addRoleUsers)
	rt.handle(http.MethodDelete, "/api/roles/{id}/users/{otherId}", managementAPI, s.removeRoleUser)
}

// scopeWithResource is a role scope as GET /api/roles/{id}/scopes answers it.
type scopeWithResource struct {
	Scope
	Resource Resource `json:"resource"`
}

// roleScopesLocked returns a role's scopes, newest scope first.
func (s *Server) roleScopesLocked(roleID string) []Scope {
	var out []*scopeRecord
	for _, l := range linksOf(s.access.roleScopes, roleID, true) {
		if rec := s.access.scopes[l.OtherID]; rec != nil {
			out = append(out, rec)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq > out[j].seq })
	scopes := make([]Scope, len(out))
	for i, rec := range out {
		scopes[i] = rec.Scope.clone()
	}
	return scopes
}

// listRoleScopes is GET /api/roles/{id}/scopes: optional paging, search; each scope carries its
// resource.
func (s *Server) listRoleScopes(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, true)
	if !ok {
		return
	}
	match, ok := searchMatcher(w, pairs, scopeSearchFields)
	if !ok {
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	if s.access.roles[id] == nil {
		s.mu.Unlock()
		writeNotExistsWithID(w, roleTable, id)
		return
	}
	var rows []scopeWithResource
	for _, sc := range s.roleScopesLocked(id) {
		if !match(scopeField(&sc)) {
			continue
		}
		row := scopeWithResource{Scope: sc}
		if rec := s.access.resources[sc.ResourceID]; rec != nil {
			row.Resource = rec.Resource
		}
		rows = append(rows, row)
	}
	total := len(rows)
	out := append([]scopeWithResource{}, pageOf(rows, paging)...)
	s.mu.Unlock()
	if !paging.disabled {
		writePagingHeaders(w, r, pairs, paging, total)
	}
	writeJSON(w, http.StatusOK, out)
}

// parseIDList validates {<key>: string().min(1).array().nonempty()}.
func parseIDList(body any, key string, nonEmpty bool) ([]string, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	f := fieldOf(obj, path{}, key)
	ids := z.stringArray(f, true, func(p path, s string) {
		if s == "" {
			z.tooSmallString(p, 1)
		}
	})
	if z.empty() && nonEmpty && len(ids) == 0 {
		z.add(f.p, "too_small", "Array must contain at least 1 element(s)", true,
			ordered{{"code", "too_small"}, {"minimum", 1}, {"type", "array"}, {"inclusive", true}, {"exact", false}})
	}
	return ids, z
}

// addRoleScopes is POST /api/roles/{id}/scopes {scopeIds}: 201 with every scope of the role.
func (s *Server) addRoleScopes(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	ids, issues := parseIDList(body, "scopeIds", true)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if s.access.roles[id] == nil {
			return replyNotExistsWithID(roleTable, id)
		}
		for _, scopeID := range ids {
			if s.access.roleScopes[linkKey(id, scopeID)] != nil {
				return replyMessage(http.StatusUnprocessableEntity, "role.scope_exists",
					fmt.Sprintf("The scope id %s has already been added to this role", scopeID))
			}
		}
		for _, scopeID := range ids {
			if s.access.scopes[scopeID] == nil {
				return replyNotExistsWithID(scopeTable, scopeID)
			}
		}
		for _, scopeID := range ids {
			s.access.addLink(s.access.roleScopes, id, scopeID, &s.seq)
		}
		return s.replyCommitted(replyJSON(http.StatusCreated, s.roleScopesLocked(id)))
	})
}

// removeLink answers DELETE of one link: 204, or 404 entity.not_found.
func (s *Server) removeLink(w http.ResponseWriter, links map[string]*link, roleID, otherID string) {
	s.withState(w, func() reply {
		key := linkKey(roleID, otherID)
		if links[key] == nil {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		delete(links, key)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}

// removeRoleScope is DELETE /api/roles/{id}/scopes/{scopeId}.
func (s *Server) removeRoleScope(w http.ResponseWriter, r *http.Request) {
	s.removeLink(w, s.access.roleScopes, r.PathValue("id"), r.PathValue("scopeId"))
}

// listRoleApplications is GET /api/roles/{id}/applications: always paged.
func (s *Server) listRoleApplications(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, false)
	if !ok {
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	if s.access.roles[id] == nil {
		s.mu.Unlock()
		writeNotExistsWithID(w, roleTable, id)
		return
	}
	var rows []Application
	for _, l := range linksOf(s.access.roleApps, id, true) {
		if app, ok := s.linkedApplicationLocked(l.OtherID); ok {
			rows = append(rows, app)
		}
	}
	total := len(rows)
	out := append([]Application{}, pageOf(rows, paging)...)
	s.mu.Unlock()
	writePagingHeaders(w, r, pairs, paging, total)
	writeJSON(w, http.StatusOK, out)
}

// linkTypesMatchLocked is the database trigger Logto has on its link tables: application links
// need a MachineToMachine role and application, user links a User role.
func (s *Server) linkTypesMatchLocked(role *Role, appID string) bool {
	if role.Type != roleTypeM2M {
		return false
	}
	app, ok := s.linkedApplicationLocked(appID)
	return ok && app.Type == typeM2M
}

// addRoleApplications is POST /api/roles/{id}/applications {applicationIds}: 201 "Created".
func (s *Server) addRoleApplications(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	ids, issues := parseIDList(body, "applicationIds", true)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec := s.access.roles[id]
		if rec == nil {
			return replyNotExistsWithID(roleTable, id)
		}
		for _, appID := range ids {
			if s.access.roleApps[linkKey(id, appID)] != nil {
				return replyMessage(http.StatusUnprocessableEntity, "role.application_exists",
					fmt.Sprintf("The application id %s has already been added to this role", appID))
			}
		}
		for _, appID := range ids {
			if _, ok := s.linkedApplicationLocked(appID); !ok {
				return replyNotExistsWithID(applicationTable, appID)
			}
		}
		for _, appID := range ids {
			if !s.linkTypesMatchLocked(&rec.Role, appID) {
				return replyError(http.StatusUnprocessableEntity, constraintViolationCode)
			}
		}
		for _, appID := range ids {
			s.access.addLink(s.access.roleApps, id, appID, &s.seq)
		}
		return s.replyCommitted(replyText(http.StatusCreated, "Created"))
	})
}

// replyText answers a text body, as Koa does for a status without a body.
func replyText(status int, text string) reply {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(text))
	}
}

// removeRoleApplication is DELETE /api/roles/{id}/applications/{applicationId}.
func (s *Server) removeRoleApplication(w http.ResponseWriter, r *http.Request) {
	s.removeLink(w, s.access.roleApps, r.PathValue("id"), r.PathValue("otherId"))
}

// listRoleUsers is GET /api/roles/{id}/users: always paged, with Logto's user search.
func (s *Server) listRoleUsers(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, false)
	if !ok {
		return
	}
	match, ok := searchMatcher(w, pairs, userSearchFields)
	if !ok {
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	if s.access.roles[id] == nil {
		s.mu.Unlock()
		writeNotExistsWithID(w, roleTable, id)
		return
	}
	var rows []User
	for _, l := range linksOf(s.access.roleUsers, id, true) {
		if rec := s.access.users[l.OtherID]; rec != nil && match(userField(&rec.User)) {
			rows = append(rows, rec.User.clone())
		}
	}
	total := len(rows)
	out := append([]User{}, pageOf(rows, paging)...)
	s.mu.Unlock()
	writePagingHeaders(w, r, pairs, paging, total)
	writeJSON(w, http.StatusOK, out)
}

// addRoleUsers is POST /api/roles/{id}/users {userIds}: 201 "Created".
func (s *Server) addRoleUsers(w http.ResponseWriter, r *http.Request) {
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
		rec := s.access.roles[id]
		if rec == nil {
			return replyNotExistsWithID(roleTable, id)
		}
		for _, userID := range ids {
			if s.access.roleUsers[linkKey(id, userID)] != nil {
				return replyMessage(http.StatusUnprocessableEntity, "role.user_exists",
					fmt.Sprintf("The user id %s is already been added to this role", userID))
			}
		}
		for _, userID := range ids {
			if s.access.users[userID] == nil {
				return replyError(http.StatusNotFound, "entity.not_found")
			}
		}
		if rec.Role.Type != roleTypeUser {
			return replyError(http.StatusUnprocessableEntity, constraintViolationCode)
		}
		for _, userID := range ids {
			s.access.addLink(s.access.roleUsers, id, userID, &s.seq)
		}
		return s.replyCommitted(replyText(http.StatusCreated, "Created"))
	})
}

// removeRoleUser is DELETE /api/roles/{id}/users/{userId}.
func (s *Server) removeRoleUser(w http.ResponseWriter, r *http.Request) {
	s.removeLink(w, s.access.roleUsers, r.PathValue("id"), r.PathValue("otherId"))
}
