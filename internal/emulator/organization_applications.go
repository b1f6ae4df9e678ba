package emulator

import "net/http"

// Machine-to-machine applications in an organization and their organization roles, plus GET
// /api/applications/{id}/organizations. Only MachineToMachine applications may join (a database
// check: other types answer 422 entity.db_constraint_violated).

// registerOrganizationApplications adds /api/organizations/{id}/applications and its role
// routes.
func (s *Server) registerOrganizationApplications(rt *router) {
	const apps = "/api/organizations/{id}/applications"
	rt.handle(http.MethodGet, apps, managementAPI, s.listOrganizationApplications)
	rt.handle(http.MethodPost, apps, managementAPI, s.addOrganizationApplications)
	rt.handle(http.MethodPut, apps, managementAPI, s.replaceOrganizationApplications)
	rt.handle(http.MethodDelete, apps+"/{applicationId}", managementAPI, s.removeOrganizationApplication)
	rt.handle(http.MethodPost, apps+"/roles", managementAPI, func(w http.ResponseWriter, r *http.Request) {
		s.addMembersRoles(w, r, applicationMembers)
	})
	memberRoles{kind: applicationMembers}.register(s, rt)
	rt.handle(http.MethodGet, "/api/applications/{id}/organizations", managementAPI, s.listApplicationOrganizations)
}

// applicationWithOrganizationRoles is an application in an organization's list.
type applicationWithOrganizationRoles struct {
	Application
	OrganizationRoles []idName `json:"organizationRoles"`
}

func (s *Server) applicationExistsLocked(id string) bool {
	_, ok := s.linkedApplicationLocked(id)
	return ok
}

// isMachineToMachineLocked is the application_type check: true for machine-to-machine and for
// unknown ids (the check passes on NULL; the foreign key then fails).
func (s *Server) isMachineToMachineLocked(id string) bool {
	app, ok := s.linkedApplicationLocked(id)
	return !ok || app.Type == typeM2M
}

// listOrganizationApplications is GET /api/organizations/{id}/applications: always paged, by
// application id, each with its organization roles; `q` matches id, name or description as
// ILIKE '%q%'. A missing organization has none (200 []).
func (s *Server) listOrganizationApplications(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, false)
	if !ok {
		return
	}
	query, ok := queryStrings(w, pairs, "q")
	if !ok {
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	var rows []applicationWithOrganizationRoles
	for _, appID := range secondsOf(s.org.apps, id) {
		app, ok := s.linkedApplicationLocked(appID)
		if !ok {
			continue
		}
		if q := query["q"]; q != nil && *q != "" && !keywordMatch(*q, &app.ID, &app.Name, app.Description) {
			continue
		}
		rows = append(rows, applicationWithOrganizationRoles{
			Application: app, OrganizationRoles: s.roleEntitiesLocked(rolesOf(s.org.appRoles, id, appID)),
		})
	}
	s.mu.Unlock()
	writePagingHeaders(w, r, pairs, paging, len(rows))
	writeJSON(w, http.StatusOK, append([]applicationWithOrganizationRoles{}, pageOf(rows, paging)...))
}

// addOrganizationApplications is POST /api/organizations/{id}/applications {applicationIds}:
// 201 "Created"; applications already there are skipped.
func (s *Server) addOrganizationApplications(w http.ResponseWriter, r *http.Request) {
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
		ids := dedupe(ids)
		if failed := tooLong(idColumnLength, append([]string{id}, ids...)...); failed != nil {
			return failed
		}
		for _, appID := range ids {
			if !s.isMachineToMachineLocked(appID) {
				return replyConstraintViolated()
			}
		}
		var fresh []string
		for _, appID := range ids {
			if !s.org.apps[pair{id, appID}] {
				fresh = append(fresh, appID)
			}
		}
		if len(fresh) > 0 {
			if failed := s.checkMembersLocked(id, fresh, s.applicationExistsLocked); failed != nil {
				return failed
			}
		}
		for _, appID := range fresh {
			addTo(&s.org.apps, pair{id, appID})
		}
		return s.replyCommitted(replyText(http.StatusCreated, "Created"))
	})
}

// replaceOrganizationApplications is PUT /api/organizations/{id}/applications {applicationIds}:
// 204, in one transaction; applications not listed leave with their roles.
func (s *Server) replaceOrganizationApplications(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	ids, issues := parseIDList(body, "applicationIds", false)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		return s.replaceMembersLocked(id, dedupe(ids), &s.org.apps, s.org.appRoles, s.applicationExistsLocked, s.isMachineToMachineLocked)
	})
}

// removeOrganizationApplication is DELETE /api/organizations/{id}/applications/{applicationId}:
// 204 (its roles go too), or 404 entity.not_found.
func (s *Server) removeOrganizationApplication(w http.ResponseWriter, r *http.Request) {
	orgID, appID := r.PathValue("id"), r.PathValue("applicationId")
	s.withState(w, func() reply {
		if !s.org.apps[pair{orgID, appID}] {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		delete(s.org.apps, pair{orgID, appID})
		dropWhere(s.org.appRoles, func(t triple) bool { return t[0] == orgID && t[1] == appID })
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}

// listApplicationOrganizations is GET /api/applications/{id}/organizations: the application's
// organizations by id with its roles in each; paging optional; a missing application answers
// 404 entity.not_exists_with_id.
func (s *Server) listApplicationOrganizations(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, true)
	if !ok {
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	if !s.applicationExistsLocked(id) {
		s.mu.Unlock()
		writeNotExistsWithID(w, applicationTable, id)
		return
	}
	rows := s.memberOrganizationsLocked(s.org.apps, s.org.appRoles, id)
	s.mu.Unlock()
	if !paging.disabled {
		writePagingHeaders(w, r, pairs, paging, len(rows))
	}
	writeJSON(w, http.StatusOK, append([]organizationWithRoles{}, pageOf(rows, paging)...))
}
