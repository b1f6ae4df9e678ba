package emulator

import "net/http"

// Just-in-time provisioning of an organization: email domains, the organization roles given to
// members provisioned that way, and the enterprise SSO connectors that provision. Domains are
// stored as given (Logto neither lowercases nor validates them: "not a domain" and
// "@foo.example.com" are accepted), compared case-sensitively, and listed in byte order (the
// order of the table's primary key).

// registerOrganizationJIT adds /api/organizations/{id}/jit/{email-domains,roles,sso-connectors}.
func (s *Server) registerOrganizationJIT(rt *router) {
	const domains = "/api/organizations/{id}/jit/email-domains"
	rt.handle(http.MethodGet, domains, managementAPI, s.listJITEmailDomains)
	rt.handle(http.MethodPost, domains, managementAPI, s.addJITEmailDomain)
	rt.handle(http.MethodPut, domains, managementAPI, s.replaceJITEmailDomains)
	rt.handle(http.MethodDelete, domains+"/{emailDomain}", managementAPI, s.deleteJITEmailDomain)
	orgMissing := func(s *Server, id string) reply {
		if s.org.orgs[id] == nil {
			return replyNotExistsWithID(organizationTable, id)
		}
		return nil
	}
	relationRoutes{
		pattern: "/api/organizations/{id}/jit/roles", idsKey: "organizationRoleIds", param: "organizationRoleId", width: idColumnLength,
		set: func(s *Server) *map[pair]bool { return &s.org.jitRoles }, missing: orgMissing,
		row: func(s *Server, id string) (any, bool) {
			role, ok := s.org.roles[id]
			if !ok {
				return nil, false
			}
			return role.clone(), true
		},
	}.register(s, rt)
	relationRoutes{
		pattern: "/api/organizations/{id}/jit/sso-connectors", idsKey: "ssoConnectorIds", param: "ssoConnectorId", width: ssoConnectorIDLength,
		set: func(s *Server) *map[pair]bool { return &s.org.jitSSOConnectors }, missing: orgMissing,
		row: func(s *Server, id string) (any, bool) {
			rec, ok := s.sso.connectors[id]
			if !ok {
				return nil, false
			}
			return rec.Connector.clone(), true
		},
	}.register(s, rt)
}

// jitEmailDomain is a row of organization_jit_email_domains.
type jitEmailDomain struct {
	TenantID       string `json:"tenantId"`
	OrganizationID string `json:"organizationId"`
	EmailDomain    string `json:"emailDomain"`
}

func domainRows(orgID string, domains []string) []jitEmailDomain {
	out := make([]jitEmailDomain, len(domains))
	for i, d := range domains {
		out[i] = jitEmailDomain{TenantID: defaultTenantID, OrganizationID: orgID, EmailDomain: d}
	}
	return out
}

// listJITEmailDomains is GET /api/organizations/{id}/jit/email-domains: optional paging. Unlike
// the other just-in-time lists it does not look the organization up: a missing one has no
// domains (200 []).
func (s *Server) listJITEmailDomains(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, true)
	if !ok {
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	rows := domainRows(id, secondsOf(s.org.jitEmailDomains, id))
	s.mu.Unlock()
	if !paging.disabled {
		writePagingHeaders(w, r, pairs, paging, len(rows))
	}
	writeJSON(w, http.StatusOK, pageOf(rows, paging))
}

// addJITEmailDomain is POST /api/organizations/{id}/jit/email-domains {emailDomain}: 201 with
// the row; a domain already there answers 422 entity.unique_integrity_violation, a missing
// organization 422 entity.relation_foreign_key_not_found.
func (s *Server) addJITEmailDomain(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	z := &zodIssues{}
	var domain *string
	if obj := z.object(field{p: path{}, value: body, present: true}); obj != nil {
		domain, _ = z.str(fieldOf(obj, path{}, "emailDomain"), true, false, 1, 0)
	}
	if !z.empty() {
		writeGuardError(w, "body", z)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if failed := s.checkJITEmailDomainsLocked(id, []string{*domain}); failed != nil {
			return failed
		}
		if s.org.jitEmailDomains[pair{id, *domain}] {
			return replyUniqueViolation()
		}
		addTo(&s.org.jitEmailDomains, pair{id, *domain})
		return s.replyCommitted(replyJSON(http.StatusCreated, domainRows(id, []string{*domain})[0]))
	})
}

// checkJITEmailDomainsLocked answers the database's objection to inserting domains, or nil.
func (s *Server) checkJITEmailDomainsLocked(id string, domains []string) reply {
	if failed := tooLong(idColumnLength, id); failed != nil {
		return failed
	}
	if failed := tooLong(emailDomainLength, domains...); failed != nil {
		return failed
	}
	if hasDuplicate(domains) {
		return replyUniqueViolation()
	}
	if s.org.orgs[id] == nil {
		return replyForeignKeyNotFound()
	}
	return nil
}

// replaceJITEmailDomains is PUT /api/organizations/{id}/jit/email-domains {emailDomains}: 204.
// Any string is accepted (even ""); a repeated domain answers 422 and changes nothing.
func (s *Server) replaceJITEmailDomains(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	z := &zodIssues{}
	var domains []string
	if obj := z.object(field{p: path{}, value: body, present: true}); obj != nil {
		domains = z.stringArray(fieldOf(obj, path{}, "emailDomains"), true, nil)
	}
	if !z.empty() {
		writeGuardError(w, "body", z)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if len(domains) > 0 {
			if failed := s.checkJITEmailDomainsLocked(id, domains); failed != nil {
				return failed
			}
		}
		dropWhere(s.org.jitEmailDomains, func(p pair) bool { return p[0] == id })
		for _, d := range domains {
			addTo(&s.org.jitEmailDomains, pair{id, d})
		}
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}

// deleteJITEmailDomain is DELETE /api/organizations/{id}/jit/email-domains/{emailDomain}: 204,
// or 404 entity.not_found.
func (s *Server) deleteJITEmailDomain(w http.ResponseWriter, r *http.Request) {
	key := pair{r.PathValue("id"), r.PathValue("emailDomain")}
	s.withState(w, func() reply {
		if !s.org.jitEmailDomains[key] {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		delete(s.org.jitEmailDomains, key)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}
