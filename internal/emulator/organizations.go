package emulator

import (
	"math"
	"net/http"
)

// registerOrganizations adds /api/organizations with its sub-routes and the organization
// template (/api/organization-roles, /api/organization-scopes).
func (s *Server) registerOrganizations(rt *router) {
	rt.handle(http.MethodGet, "/api/organizations", managementAPI, s.listOrganizations)
	rt.handle(http.MethodPost, "/api/organizations", managementAPI, s.createOrganization)
	rt.handle(http.MethodGet, "/api/organizations/{id}", managementAPI, s.getOrganization)
	rt.handle(http.MethodPatch, "/api/organizations/{id}", managementAPI, s.patchOrganization)
	rt.handle(http.MethodDelete, "/api/organizations/{id}", managementAPI, s.deleteOrganization)
	s.registerOrganizationJIT(rt)
	s.registerOrganizationUsers(rt)
	s.registerOrganizationApplications(rt)
	s.registerOrganizationRoles(rt)
	s.registerOrganizationScopes(rt)
}

// organizationWithFeatured is an organization in GET /api/organizations?showFeatured=true.
type organizationWithFeatured struct {
	Organization
	UsersCount    int            `json:"usersCount"`
	FeaturedUsers []featuredUser `json:"featuredUsers"`
}

// listOrganizations is GET /api/organizations: always paged; `q` matches id or name as ILIKE
// '%q%' (`%` and `_` stay wildcards); showFeatured adds usersCount and up to three members. The
// `search` parameters of other lists are ignored.
func (s *Server) listOrganizations(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, false)
	if !ok {
		return
	}
	query, ok := queryStrings(w, pairs, "q", "showFeatured")
	if !ok {
		return
	}
	featured := yes(query["showFeatured"])
	s.mu.Lock()
	var rows []*Organization
	for _, o := range s.sortedOrganizationsLocked() {
		if q := query["q"]; q != nil && *q != "" && !keywordMatch(*q, &o.ID, &o.Name) {
			continue
		}
		rows = append(rows, o)
	}
	total := len(rows)
	page := pageOf(rows, paging)
	out := make([]any, len(page))
	for i, o := range page {
		if !featured {
			out[i] = o.clone()
			continue
		}
		members := secondsOf(s.org.users, o.ID)
		item := organizationWithFeatured{Organization: o.clone(), UsersCount: len(members), FeaturedUsers: []featuredUser{}}
		for _, id := range members {
			if rec := s.access.users[id]; rec != nil && len(item.FeaturedUsers) < 3 {
				item.FeaturedUsers = append(item.FeaturedUsers, featuredUser{ID: id, Avatar: clonePtr(rec.User.Avatar), Name: clonePtr(rec.User.Name)})
			}
		}
		out[i] = item
	}
	s.mu.Unlock()
	writePagingHeaders(w, r, pairs, paging, total)
	writeJSON(w, http.StatusOK, out)
}

// createOrganization is POST /api/organizations: 201 with the organization. Names may repeat.
func (s *Server) createOrganization(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseOrganizationBody(body, true)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	o := Organization{TenantID: defaultTenantID, ID: newShortID(), Name: *in.Name, CustomData: JSONObject{}}
	applyOrganizationInput(&o, in)
	o.TenantID, o.CreatedAt = defaultTenantID, s.now().UnixMilli()
	s.withState(w, func() reply {
		for s.org.orgs[o.ID] != nil {
			o.ID = newShortID()
		}
		stored := o.clone()
		if s.org.orgs == nil {
			s.org.orgs = map[string]*Organization{}
		}
		s.org.orgs[o.ID] = &stored
		return s.replyCommitted(replyJSON(http.StatusCreated, o.clone()))
	})
}

// applyOrganizationInput copies the given fields (id, tenantId and createdAt excepted).
func applyOrganizationInput(o *Organization, in *organizationInput) {
	if in.Name != nil {
		o.Name = *in.Name
	}
	if in.DescriptionSet {
		o.Description = clonePtr(in.Description)
	}
	if in.CustomData != nil {
		o.CustomData = JSONObject(cloneObject(in.CustomData))
	}
	if in.IsMfaRequired != nil {
		o.IsMfaRequired = *in.IsMfaRequired
	}
	if in.Color != nil {
		o.Color = *in.Color
	}
	if in.Branding != nil {
		o.Branding = *in.Branding
	}
	if in.CustomCSSSet {
		o.CustomCSS = clonePtr(in.CustomCSS)
	}
}

// getOrganization is GET /api/organizations/{id}.
func (s *Server) getOrganization(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		o, ok := s.org.orgs[id]
		if !ok {
			return replyNotExistsWithID(organizationTable, id)
		}
		return replyJSON(http.StatusOK, o.clone())
	})
}

// patchOrganization is PATCH /api/organizations/{id}: the given keys replace stored values
// (customData, color and branding whole). Like Logto it also sets createdAt and renames the
// organization when id is given (its relations follow); an empty update answers 422, a
// tenantId other than the organization's 500 (its foreign key fails).
func (s *Server) patchOrganization(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseOrganizationBody(body, false)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if in.empty() {
			return replyEmptyUpdate()
		}
		o, ok := s.org.orgs[id]
		if !ok {
			return func(w http.ResponseWriter) { writeNotExists(w, "organization") }
		}
		if in.TenantID != nil && *in.TenantID != o.TenantID {
			return writeInternalError
		}
		if in.ID != nil && *in.ID != id {
			if s.org.orgs[*in.ID] != nil {
				return replyUniqueViolation()
			}
			s.renameOrganizationLocked(id, *in.ID)
		}
		applyOrganizationInput(o, in)
		if in.CreatedAt != nil {
			o.CreatedAt = int64(math.Round(*in.CreatedAt))
		}
		return s.replyCommitted(replyJSON(http.StatusOK, o.clone()))
	})
}

// renameOrganizationLocked changes an organization's id; its relation rows follow (Logto's
// foreign keys cascade on update).
func (s *Server) renameOrganizationLocked(from, to string) {
	st := &s.org
	o := st.orgs[from]
	delete(st.orgs, from)
	o.ID = to
	st.orgs[to] = o
	for _, set := range []map[pair]bool{st.users, st.apps, st.jitEmailDomains, st.jitRoles, st.jitSSOConnectors} {
		renamePairs(set, from, to, 0)
	}
	for _, set := range []map[triple]bool{st.userRoles, st.appRoles} {
		for t := range set {
			if t[0] == from {
				delete(set, t)
				set[triple{to, t[1], t[2]}] = true
			}
		}
	}
}

// renamePairs replaces an id in one column of a relation set.
func renamePairs(set map[pair]bool, from, to string, column int) {
	for p := range set {
		if p[column] == from {
			delete(set, p)
			p[column] = to
			set[p] = true
		}
	}
}

// deleteOrganization is DELETE /api/organizations/{id}: 204; its memberships, roles and
// just-in-time settings go with it.
func (s *Server) deleteOrganization(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if s.org.orgs[id] == nil {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		s.forgetOrganizationLocked(id)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}
