package emulator

import (
	"fmt"
	"net/http"
	"strings"
)

// scopeSearchFields are the columns Logto searches scopes by.
var scopeSearchFields = []string{"id", "name", "description"}

// scopeInput is a validated scope body.
type scopeInput struct {
	Name           *string
	Description    *string
	DescriptionSet bool
}

// parseScopeBody validates Scopes.createGuard.pick({name, description}); Logto 1.42 accepts a
// PATCH without name (the samples show it), so name is required on create only.
func parseScopeBody(body any, create bool) (*scopeInput, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	in := &scopeInput{}
	in.Name, _ = z.str(fieldOf(obj, path{}, "name"), create, false, 1, 256)
	f := fieldOf(obj, path{}, "description")
	if value, ok := z.str(f, false, true, 0, 0); f.present && ok {
		in.Description, in.DescriptionSet = value, true
	}
	return in, z
}

func (s *Server) scopeNameInUseLocked(resourceID, name, exceptID string) bool {
	for id, rec := range s.access.scopes {
		if id != exceptID && rec.Scope.ResourceID == resourceID && rec.Scope.Name == name {
			return true
		}
	}
	return false
}

func replyScopeNameExists(name string) reply {
	return func(w http.ResponseWriter) {
		writeErrorMessage(w, http.StatusUnprocessableEntity, "scope.name_exists",
			fmt.Sprintf("The scope name %s is already in use", name))
	}
}

// checkScopeName answers 400 scope.name_with_space for a name with a space.
func checkScopeName(w http.ResponseWriter, name *string) bool {
	if name != nil && strings.Contains(*name, " ") {
		writeErrorMessage(w, http.StatusBadRequest, "scope.name_with_space", "The name of the scope cannot contain any spaces.")
		return false
	}
	return true
}

// createScope is POST /api/resources/{id}/scopes: 201 with the scope. Logto does not look the
// resource up first; an unknown one fails on the foreign key (answered here as 422
// entity.db_constraint_violated, inferred).
func (s *Server) createScope(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseScopeBody(body, true)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	if !checkScopeName(w, in.Name) {
		return
	}
	resourceID := r.PathValue("id")
	s.withState(w, func() reply {
		if s.scopeNameInUseLocked(resourceID, *in.Name, "") {
			return replyScopeNameExists(*in.Name)
		}
		if s.access.resources[resourceID] == nil {
			return replyError(http.StatusUnprocessableEntity, constraintViolationCode)
		}
		sc := Scope{
			TenantID: defaultTenantID, ID: newID(), ResourceID: resourceID, Name: *in.Name,
			Description: in.Description, CreatedAt: s.now().UnixMilli(),
		}
		s.seq++
		s.access.scopes[sc.ID] = &scopeRecord{Scope: sc, seq: s.seq}
		return s.replyCommitted(replyJSON(http.StatusCreated, sc.clone()))
	})
}

// listScopes is GET /api/resources/{id}/scopes: newest first, optional paging, Logto's search
// over id, name and description. An unknown resource has no scopes (200 []).
func (s *Server) listScopes(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, true)
	if !ok {
		return
	}
	match, ok := searchMatcher(w, pairs, scopeSearchFields)
	if !ok {
		return
	}
	resourceID := r.PathValue("id")
	s.mu.Lock()
	var rows []Scope
	for _, sc := range s.scopesOfLocked(resourceID) {
		if match(scopeField(&sc)) {
			rows = append(rows, sc)
		}
	}
	total := len(rows)
	out := append([]Scope{}, pageOf(rows, paging)...)
	s.mu.Unlock()
	if !paging.disabled {
		writePagingHeaders(w, r, pairs, paging, total)
	}
	writeJSON(w, http.StatusOK, out)
}

func scopeField(sc *Scope) func(string) *string {
	return func(f string) *string {
		switch f {
		case "id":
			return &sc.ID
		case "name":
			return &sc.Name
		default:
			return sc.Description
		}
	}
}

// searchMatcher parses Logto's search parameters; on a malformed search it answers 400
// request.invalid_input (the routes that catch search TypeErrors) and returns false.
func searchMatcher(w http.ResponseWriter, pairs []kvString, fields []string) (func(func(string) *string) bool, bool) {
	sr, err := parseSearch(pairs)
	if err == nil {
		var match func(func(string) *string) bool
		if match, err = sr.matcher(fields); err == nil {
			return match, true
		}
	}
	writeInvalidInput(w, http.StatusBadRequest, "Invalid search.")
	return nil, false
}

// patchScope is PATCH /api/resources/{id}/scopes/{scopeId}.
func (s *Server) patchScope(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseScopeBody(body, false)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	if !checkScopeName(w, in.Name) {
		return
	}
	resourceID, scopeID := r.PathValue("id"), r.PathValue("scopeId")
	s.withState(w, func() reply {
		if in.Name != nil && s.scopeNameInUseLocked(resourceID, *in.Name, scopeID) {
			return replyScopeNameExists(*in.Name)
		}
		rec, ok := s.access.scopes[scopeID]
		if !ok {
			return func(w http.ResponseWriter) { writeNotExists(w, "scope") }
		}
		if in.Name != nil {
			rec.Scope.Name = *in.Name
		}
		if in.DescriptionSet {
			rec.Scope.Description = in.Description
		}
		return s.replyCommitted(replyJSON(http.StatusOK, rec.Scope.clone()))
	})
}

// deleteScope is DELETE /api/resources/{id}/scopes/{scopeId}: 204, or 404 entity.not_found.
func (s *Server) deleteScope(w http.ResponseWriter, r *http.Request) {
	scopeID := r.PathValue("scopeId")
	s.withState(w, func() reply {
		if _, ok := s.access.scopes[scopeID]; !ok {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		delete(s.access.scopes, scopeID)
		dropLinks(s.access.roleScopes, scopeID, false)
		s.forgetOrganizationResourceScopeLocked(scopeID)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}
