package emulator

import (
	"net/http"
	"sort"
)

// registerOrganizationScopes adds /api/organization-scopes, the permissions of the organization
// template.
func (s *Server) registerOrganizationScopes(rt *router) {
	rt.handle(http.MethodGet, "/api/organization-scopes", managementAPI, s.listOrganizationScopes)
	rt.handle(http.MethodPost, "/api/organization-scopes", managementAPI, s.createOrganizationScope)
	rt.handle(http.MethodGet, "/api/organization-scopes/{id}", managementAPI, s.getOrganizationScope)
	rt.handle(http.MethodPatch, "/api/organization-scopes/{id}", managementAPI, s.patchOrganizationScope)
	rt.handle(http.MethodDelete, "/api/organization-scopes/{id}", managementAPI, s.deleteOrganizationScope)
}

// sortedOrganizationScopesLocked returns the scopes by name (Logto orders them by name).
func (s *Server) sortedOrganizationScopesLocked() []*OrganizationScope {
	out := make([]*OrganizationScope, 0, len(s.org.scopes))
	for _, sc := range s.org.scopes {
		out = append(out, sc)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func (s *Server) organizationScopeNameInUseLocked(name, exceptID string) bool {
	for id, sc := range s.org.scopes {
		if id != exceptID && sc.Name == name {
			return true
		}
	}
	return false
}

// listOrganizationScopes is GET /api/organization-scopes: by name, optional paging, `q`
// matching the name as ILIKE '%q%'.
func (s *Server) listOrganizationScopes(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, true)
	if !ok {
		return
	}
	query, ok := queryStrings(w, pairs, "q")
	if !ok {
		return
	}
	s.mu.Lock()
	var rows []OrganizationScope
	for _, sc := range s.sortedOrganizationScopesLocked() {
		if q := query["q"]; q != nil && *q != "" && !keywordMatch(*q, &sc.Name) {
			continue
		}
		rows = append(rows, sc.clone())
	}
	s.mu.Unlock()
	if !paging.disabled {
		writePagingHeaders(w, r, pairs, paging, len(rows))
	}
	writeJSON(w, http.StatusOK, append([]OrganizationScope{}, pageOf(rows, paging)...))
}

// createOrganizationScope is POST /api/organization-scopes: 201; a name in use answers 422
// entity.unique_integrity_violation.
func (s *Server) createOrganizationScope(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseTemplateBody(body, true, false)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	sc := OrganizationScope{TenantID: defaultTenantID, ID: newID(), Name: *in.Name, Description: clonePtr(in.Description)}
	s.withState(w, func() reply {
		if s.organizationScopeNameInUseLocked(sc.Name, "") {
			return replyUniqueViolation()
		}
		stored := sc.clone()
		if s.org.scopes == nil {
			s.org.scopes = map[string]*OrganizationScope{}
		}
		s.org.scopes[sc.ID] = &stored
		return s.replyCommitted(replyJSON(http.StatusCreated, sc.clone()))
	})
}

// getOrganizationScope is GET /api/organization-scopes/{id}.
func (s *Server) getOrganizationScope(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		sc, ok := s.org.scopes[id]
		if !ok {
			return replyNotExistsWithID(organizationScopeTable, id)
		}
		return replyJSON(http.StatusOK, sc.clone())
	})
}

// patchOrganizationScope is PATCH /api/organization-scopes/{id}: name, description (and, as in
// Logto, id); an empty update answers 422.
func (s *Server) patchOrganizationScope(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseTemplateBody(body, false, false)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if in.empty() {
			return replyEmptyUpdate()
		}
		sc, ok := s.org.scopes[id]
		if !ok {
			return func(w http.ResponseWriter) { writeNotExists(w, "organization_scope") }
		}
		if in.TenantID != nil && *in.TenantID != sc.TenantID {
			return writeInternalError
		}
		if (in.Name != nil && s.organizationScopeNameInUseLocked(*in.Name, id)) ||
			(in.ID != nil && *in.ID != id && s.org.scopes[*in.ID] != nil) {
			return replyUniqueViolation()
		}
		if in.ID != nil && *in.ID != id {
			delete(s.org.scopes, id)
			sc.ID = *in.ID
			s.org.scopes[sc.ID] = sc
			renamePairs(s.org.roleScopes, id, sc.ID, 1)
		}
		if in.Name != nil {
			sc.Name = *in.Name
		}
		if in.DescriptionSet {
			sc.Description = clonePtr(in.Description)
		}
		return s.replyCommitted(replyJSON(http.StatusOK, sc.clone()))
	})
}

// deleteOrganizationScope is DELETE /api/organization-scopes/{id}: 204; roles lose it.
func (s *Server) deleteOrganizationScope(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if s.org.scopes[id] == nil {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		s.forgetOrganizationScopeLocked(id)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}
