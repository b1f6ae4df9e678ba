package emulator

import (
	"net/http"
	"sort"
)

// registerOrganizationRoles adds /api/organization-roles, the roles of the organization
// template, with their organization scopes and API resource scopes.
func (s *Server) registerOrganizationRoles(rt *router) {
	rt.handle(http.MethodGet, "/api/organization-roles", managementAPI, s.listOrganizationRoles)
	rt.handle(http.MethodPost, "/api/organization-roles", managementAPI, s.createOrganizationRole)
	rt.handle(http.MethodGet, "/api/organization-roles/{id}", managementAPI, s.getOrganizationRole)
	rt.handle(http.MethodPatch, "/api/organization-roles/{id}", managementAPI, s.patchOrganizationRole)
	rt.handle(http.MethodDelete, "/api/organization-roles/{id}", managementAPI, s.deleteOrganizationRole)
	roleMissing := func(s *Server, id string) reply {
		if s.org.roles[id] == nil {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		return nil
	}
	relationRoutes{
		pattern: "/api/organization-roles/{id}/scopes", idsKey: "organizationScopeIds", param: "organizationScopeId", width: idColumnLength,
		set: func(s *Server) *map[pair]bool { return &s.org.roleScopes }, missing: roleMissing,
		row: func(s *Server, id string) (any, bool) {
			sc, ok := s.org.scopes[id]
			if !ok {
				return nil, false
			}
			return sc.clone(), true
		},
	}.register(s, rt)
	relationRoutes{
		pattern: "/api/organization-roles/{id}/resource-scopes", idsKey: "scopeIds", param: "scopeId", width: idColumnLength,
		set: func(s *Server) *map[pair]bool { return &s.org.roleResourceScopes }, missing: roleMissing,
		row: func(s *Server, id string) (any, bool) {
			rec, ok := s.access.scopes[id]
			if !ok {
				return nil, false
			}
			return rec.Scope.clone(), true
		},
	}.register(s, rt)
}

// organizationRoleWithScopes is a role in GET /api/organization-roles.
type organizationRoleWithScopes struct {
	OrganizationRole
	Scopes         []idName            `json:"scopes"`
	ResourceScopes []resourceScopeItem `json:"resourceScopes"`
}

// idName is an {id, name} entity (a scope or role in an aggregate).
type idName struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// resourceScopeItem is an API resource scope with its resource's id and name.
type resourceScopeItem struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Resource idName `json:"resource"`
}

// sortedOrganizationRolesLocked returns the roles by name (Logto orders them by name).
func (s *Server) sortedOrganizationRolesLocked() []*OrganizationRole {
	out := make([]*OrganizationRole, 0, len(s.org.roles))
	for _, role := range s.org.roles {
		out = append(out, role)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func (s *Server) organizationRoleNameInUseLocked(name, exceptID string) bool {
	for id, role := range s.org.roles {
		if id != exceptID && role.Name == name {
			return true
		}
	}
	return false
}

// organizationRoleWithScopesLocked aggregates a role's scopes and resource scopes, by id.
func (s *Server) organizationRoleWithScopesLocked(role *OrganizationRole) organizationRoleWithScopes {
	out := organizationRoleWithScopes{OrganizationRole: role.clone(), Scopes: []idName{}, ResourceScopes: []resourceScopeItem{}}
	for _, id := range secondsOf(s.org.roleScopes, role.ID) {
		if sc := s.org.scopes[id]; sc != nil {
			out.Scopes = append(out.Scopes, idName{ID: sc.ID, Name: sc.Name})
		}
	}
	for _, id := range secondsOf(s.org.roleResourceScopes, role.ID) {
		rec := s.access.scopes[id]
		if rec == nil {
			continue
		}
		item := resourceScopeItem{ID: rec.Scope.ID, Name: rec.Scope.Name, Resource: idName{ID: rec.Scope.ResourceID}}
		if res := s.access.resources[rec.Scope.ResourceID]; res != nil {
			item.Resource.Name = res.Resource.Name
		}
		out.ResourceScopes = append(out.ResourceScopes, item)
	}
	return out
}

// listOrganizationRoles is GET /api/organization-roles: always paged, by name, each role with
// its scopes and resource scopes; `q` matches id, name or description as ILIKE '%q%'.
func (s *Server) listOrganizationRoles(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, false)
	if !ok {
		return
	}
	query, ok := queryStrings(w, pairs, "q")
	if !ok {
		return
	}
	s.mu.Lock()
	var rows []*OrganizationRole
	for _, role := range s.sortedOrganizationRolesLocked() {
		if q := query["q"]; q != nil && *q != "" && !keywordMatch(*q, &role.ID, &role.Name, role.Description) {
			continue
		}
		rows = append(rows, role)
	}
	page := pageOf(rows, paging)
	out := make([]organizationRoleWithScopes, len(page))
	for i, role := range page {
		out[i] = s.organizationRoleWithScopesLocked(role)
	}
	s.mu.Unlock()
	writePagingHeaders(w, r, pairs, paging, len(rows))
	writeJSON(w, http.StatusOK, out)
}

// createOrganizationRole is POST /api/organization-roles: 201 with the role. The role and its
// initial scopes are inserted in one transaction: a name in use or an unknown scope id answers
// 422 and leaves nothing behind.
func (s *Server) createOrganizationRole(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseTemplateBody(body, true, true)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	role := OrganizationRole{TenantID: defaultTenantID, ID: newID(), Name: *in.Name, Description: clonePtr(in.Description), Type: roleTypeUser}
	if in.Type != nil {
		role.Type = *in.Type
	}
	s.withState(w, func() reply {
		if s.organizationRoleNameInUseLocked(role.Name, "") {
			return replyUniqueViolation()
		}
		for _, check := range []struct {
			ids    []string
			exists func(string) bool
		}{
			{in.ScopeIDs, func(id string) bool { return s.org.scopes[id] != nil }},
			{in.ResourceScopeIDs, func(id string) bool { return s.access.scopes[id] != nil }},
		} {
			if failed := tooLong(idColumnLength, check.ids...); failed != nil {
				return failed
			}
			for _, id := range check.ids {
				if !check.exists(id) {
					return replyForeignKeyNotFound()
				}
			}
		}
		stored := role.clone()
		if s.org.roles == nil {
			s.org.roles = map[string]*OrganizationRole{}
		}
		s.org.roles[role.ID] = &stored
		for _, id := range in.ScopeIDs {
			addTo(&s.org.roleScopes, pair{role.ID, id})
		}
		for _, id := range in.ResourceScopeIDs {
			addTo(&s.org.roleResourceScopes, pair{role.ID, id})
		}
		return s.replyCommitted(replyJSON(http.StatusCreated, role.clone()))
	})
}

// getOrganizationRole is GET /api/organization-roles/{id}: the role without its scopes; a
// missing one answers 404 entity.not_found.
func (s *Server) getOrganizationRole(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		role, ok := s.org.roles[id]
		if !ok {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		return replyJSON(http.StatusOK, role.clone())
	})
}

// patchOrganizationRole is PATCH /api/organization-roles/{id}: name, description, type (and, as
// in Logto, id); an empty update answers 422. Changing the type does not touch existing
// assignments (the database checks the type only when a role is assigned).
func (s *Server) patchOrganizationRole(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseTemplateBody(body, false, true)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if in.empty() {
			return replyEmptyUpdate()
		}
		role, ok := s.org.roles[id]
		if !ok {
			return func(w http.ResponseWriter) { writeNotExists(w, "organization_role") }
		}
		if in.TenantID != nil && *in.TenantID != role.TenantID {
			return writeInternalError
		}
		if (in.Name != nil && s.organizationRoleNameInUseLocked(*in.Name, id)) ||
			(in.ID != nil && *in.ID != id && s.org.roles[*in.ID] != nil) {
			return replyUniqueViolation()
		}
		if in.ID != nil && *in.ID != id {
			s.renameOrganizationRoleLocked(id, *in.ID)
		}
		if in.Name != nil {
			role.Name = *in.Name
		}
		if in.DescriptionSet {
			role.Description = clonePtr(in.Description)
		}
		if in.Type != nil {
			role.Type = *in.Type
		}
		return s.replyCommitted(replyJSON(http.StatusOK, role.clone()))
	})
}

// renameOrganizationRoleLocked changes a role's id; its relation rows follow.
func (s *Server) renameOrganizationRoleLocked(from, to string) {
	st := &s.org
	role := st.roles[from]
	delete(st.roles, from)
	role.ID = to
	st.roles[to] = role
	renamePairs(st.roleScopes, from, to, 0)
	renamePairs(st.roleResourceScopes, from, to, 0)
	renamePairs(st.jitRoles, from, to, 1)
	for _, set := range []map[triple]bool{st.userRoles, st.appRoles} {
		for t := range set {
			if t[2] == from {
				delete(set, t)
				set[triple{t[0], t[1], to}] = true
			}
		}
	}
}

// deleteOrganizationRole is DELETE /api/organization-roles/{id}: 204; every assignment of the
// role goes with it.
func (s *Server) deleteOrganizationRole(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if s.org.roles[id] == nil {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		s.forgetOrganizationRoleLocked(id)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}
