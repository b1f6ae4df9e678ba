package emulator

import (
	"fmt"
	"net/http"
	"strings"
)

// registerResources adds /api/resources with its scopes and is-default routes.
func (s *Server) registerResources(rt *router) {
	rt.handle(http.MethodGet, "/api/resources", managementAPI, s.listResources)
	rt.handle(http.MethodPost, "/api/resources", managementAPI, s.createResource)
	rt.handle(http.MethodGet, "/api/resources/{id}", managementAPI, s.getResource)
	rt.handle(http.MethodPatch, "/api/resources/{id}", managementAPI, s.patchResource)
	rt.handle(http.MethodDelete, "/api/resources/{id}", managementAPI, s.deleteResource)
	rt.handle(http.MethodPatch, "/api/resources/{id}/is-default", managementAPI, s.patchResourceIsDefault)
	rt.handle(http.MethodGet, "/api/resources/{id}/scopes", managementAPI, s.listScopes)
	rt.handle(http.MethodPost, "/api/resources/{id}/scopes", managementAPI, s.createScope)
	rt.handle(http.MethodPatch, "/api/resources/{id}/scopes/{scopeId}", managementAPI, s.patchScope)
	rt.handle(http.MethodDelete, "/api/resources/{id}/scopes/{scopeId}", managementAPI, s.deleteScope)
}

// resourceWithScopes is a resource answer carrying its scopes (create, list with includeScopes).
type resourceWithScopes struct {
	Resource
	Scopes []Scope `json:"scopes"`
}

// resourceInput is a validated resource body; nil means "not given".
type resourceInput struct {
	Name, Indicator *string
	IsDefault       *bool
	AccessTokenTTL  *float64
}

// parseResourceBody validates Resources.createGuard (without id; all optional on PATCH).
func parseResourceBody(body any, create bool) (*resourceInput, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	in := &resourceInput{}
	in.Name, _ = z.str(fieldOf(obj, path{}, "name"), create, false, 1, 256)
	in.Indicator, _ = z.str(fieldOf(obj, path{}, "indicator"), create, false, 1, 256)
	in.IsDefault = z.boolean(fieldOf(obj, path{}, "isDefault"))
	in.AccessTokenTTL = z.number(fieldOf(obj, path{}, "accessTokenTtl"), numberRule{})
	return in, z
}

// indicatorInUseLocked reports whether another resource holds the indicator.
func (s *Server) indicatorInUseLocked(indicator, exceptID string) bool {
	for id, rec := range s.access.resources {
		if id != exceptID && rec.Resource.Indicator == indicator {
			return true
		}
	}
	return false
}

func replyIndicatorInUse(indicator string) reply {
	return func(w http.ResponseWriter) {
		writeErrorMessage(w, http.StatusUnprocessableEntity, "resource.resource_identifier_in_use",
			fmt.Sprintf("The API identifier %s is already in use", indicator))
	}
}

// createResource is POST /api/resources: 201 with the resource and "scopes": [].
func (s *Server) createResource(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseResourceBody(body, true)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	res := Resource{TenantID: defaultTenantID, ID: newID(), Name: *in.Name, Indicator: *in.Indicator, AccessTokenTTL: defaultAccessTokenTTL}
	if in.IsDefault != nil {
		res.IsDefault = *in.IsDefault
	}
	if in.AccessTokenTTL != nil {
		res.AccessTokenTTL = *in.AccessTokenTTL
	}
	s.withState(w, func() reply {
		if s.indicatorInUseLocked(res.Indicator, "") {
			return replyIndicatorInUse(res.Indicator)
		}
		s.seq++
		s.access.resources[res.ID] = &resourceRecord{Resource: res, seq: s.seq}
		return s.replyCommitted(replyJSON(http.StatusCreated, resourceWithScopes{Resource: res, Scopes: []Scope{}}))
	})
}

// listResources is GET /api/resources: oldest first, optional paging, includeScopes adds each
// resource's scopes.
func (s *Server) listResources(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, true)
	if !ok {
		return
	}
	_, values := queryValues(pairs)
	include := false
	if v, ok := values["includeScopes"]; ok {
		include = contains([]string{"1", "true", "y", "yes", "yep", "yeah"}, strings.ToLower(jsQueryValue(v)))
	}
	s.mu.Lock()
	records := sortedRecords(s.access.resources, func(rec *resourceRecord) int64 { return rec.seq }, false)
	total := len(records)
	page := pageOf(records, paging)
	out := make([]any, len(page))
	for i, rec := range page {
		if include {
			out[i] = resourceWithScopes{Resource: rec.Resource, Scopes: s.scopesOfLocked(rec.Resource.ID)}
		} else {
			out[i] = rec.Resource
		}
	}
	s.mu.Unlock()
	if !paging.disabled {
		writePagingHeaders(w, r, pairs, paging, total)
	}
	writeJSON(w, http.StatusOK, out)
}

// scopesOfLocked returns a resource's scopes, newest first.
func (s *Server) scopesOfLocked(resourceID string) []Scope {
	out := []Scope{}
	for _, rec := range sortedRecords(s.access.scopes, func(rec *scopeRecord) int64 { return rec.seq }, true) {
		if rec.Scope.ResourceID == resourceID {
			out = append(out, rec.Scope.clone())
		}
	}
	return out
}

func (sc Scope) clone() Scope {
	sc.Description = clonePtr(sc.Description)
	return sc
}

// getResource is GET /api/resources/{id}.
func (s *Server) getResource(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.access.resources[id]
		if !ok {
			return replyNotExistsWithID(resourceTable, id)
		}
		return replyJSON(http.StatusOK, rec.Resource)
	})
}

// patchResource is PATCH /api/resources/{id}: the given keys replace stored values.
func (s *Server) patchResource(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseResourceBody(body, false)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.access.resources[id]
		if !ok {
			return func(w http.ResponseWriter) { writeNotExists(w, "resource") }
		}
		if in.Indicator != nil && s.indicatorInUseLocked(*in.Indicator, id) {
			return replyIndicatorInUse(*in.Indicator)
		}
		res := &rec.Resource
		if in.Name != nil {
			res.Name = *in.Name
		}
		if in.Indicator != nil {
			res.Indicator = *in.Indicator
		}
		if in.IsDefault != nil {
			res.IsDefault = *in.IsDefault
		}
		if in.AccessTokenTTL != nil {
			res.AccessTokenTTL = *in.AccessTokenTTL
		}
		return s.replyCommitted(replyJSON(http.StatusOK, *res))
	})
}

// patchResourceIsDefault is PATCH /api/resources/{id}/is-default {isDefault}: setting it clears
// the flag on every other resource.
func (s *Server) patchResourceIsDefault(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	z := &zodIssues{}
	var isDefault *bool
	if obj := z.object(field{p: path{}, value: body, present: true}); obj != nil {
		f := fieldOf(obj, path{}, "isDefault")
		if !f.present {
			z.invalidType(f.p, "boolean", "undefined")
		} else {
			isDefault = z.boolean(f)
		}
	}
	if !z.empty() {
		writeGuardError(w, "body", z)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.access.resources[id]
		if !ok {
			return replyNotExistsWithID(resourceTable, id)
		}
		if *isDefault {
			for _, other := range s.access.resources {
				other.Resource.IsDefault = false
			}
		}
		rec.Resource.IsDefault = *isDefault
		return s.replyCommitted(replyJSON(http.StatusOK, rec.Resource))
	})
}

// deleteResource is DELETE /api/resources/{id}: 204; its scopes and their role links go too.
// The Management API resource cannot be deleted (400).
func (s *Server) deleteResource(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if _, ok := s.access.resources[id]; !ok {
			return replyNotExistsWithID(resourceTable, id)
		}
		if id == managementResourceID {
			return replyMessage(http.StatusBadRequest, "resource.cannot_delete_management_api", "Cannot delete Logto Management API.")
		}
		delete(s.access.resources, id)
		for scopeID, rec := range s.access.scopes {
			if rec.Scope.ResourceID == id {
				delete(s.access.scopes, scopeID)
				dropLinks(s.access.roleScopes, scopeID, false)
				s.forgetOrganizationResourceScopeLocked(scopeID)
			}
		}
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}

// replyMessage answers {code, message} with an explicit message.
func replyMessage(status int, code, message string) reply {
	return func(w http.ResponseWriter) { writeErrorMessage(w, status, code, message) }
}
