package emulator

import (
	"net/http"
	"sort"
)

// applicationSearchFields are the columns Logto searches applications by.
var applicationSearchFields = []string{"id", "name", "description"}

// listApplications is GET /api/applications: newest first (createdAt desc); paging is optional;
// filters `types` (repeatable), `isThirdParty` (true/false), Logto's `search` parameters, and
// `excludeRoleId` / `excludeOrganizationId` (accepted; the emulator has no roles or
// organizations, so they exclude nothing).
func (s *Server) listApplications(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, true)
	if !ok {
		return
	}
	_, values := queryValues(pairs)
	filter, issues := parseApplicationListQuery(values)
	if !issues.empty() {
		writeGuardError(w, "query", issues)
		return
	}
	if filter.excludeRoleID && filter.excludeOrganizationID {
		writeInvalidInput(w, http.StatusBadRequest,
			"Parameter `excludeRoleId` and `excludeOrganizationId` cannot be used at the same time.")
		return
	}
	sr, err := parseSearch(pairs)
	if err != nil {
		writeInternalError(w)
		return
	}
	match, err := sr.matcher(applicationSearchFields)
	if err != nil {
		writeInternalError(w)
		return
	}

	s.mu.Lock()
	records := make([]*appRecord, 0, len(s.apps))
	for _, rec := range s.apps {
		app := &rec.App
		if len(filter.types) > 0 && !contains(filter.types, app.Type) {
			continue
		}
		if filter.isThirdParty != nil && app.IsThirdParty != *filter.isThirdParty {
			continue
		}
		if !match(func(field string) *string {
			switch field {
			case "id":
				return &app.ID
			case "name":
				return &app.Name
			default:
				return app.Description
			}
		}) {
			continue
		}
		records = append(records, rec)
	}
	sort.Slice(records, func(i, j int) bool {
		if records[i].App.CreatedAt != records[j].App.CreatedAt {
			return records[i].App.CreatedAt > records[j].App.CreatedAt
		}
		return records[i].seq > records[j].seq
	})
	total := len(records)
	page := pageOf(records, paging)
	out := make([]Application, len(page))
	for i, rec := range page {
		out[i] = rec.App.clone()
	}
	s.mu.Unlock()

	if !paging.disabled {
		writePagingHeaders(w, r, pairs, paging, total)
	}
	writeJSON(w, http.StatusOK, out)
}

// applicationListFilter is the validated query of GET /api/applications.
type applicationListFilter struct {
	types                 []string
	isThirdParty          *bool
	excludeRoleID         bool
	excludeOrganizationID bool
}

// parseApplicationListQuery validates the query like Logto's guard: `types` is an enum array or
// a single enum value, the exclusions are strings, `isThirdParty` is "true" or "false".
func parseApplicationListQuery(values map[string][]string) (applicationListFilter, *zodIssues) {
	z := &zodIssues{}
	out := applicationListFilter{}
	if types, ok := values["types"]; ok {
		out.types = z.typesQuery(types)
	}
	for _, key := range []string{"excludeRoleId", "excludeOrganizationId"} {
		if list, ok := values[key]; ok {
			if len(list) > 1 {
				z.invalidType(path{key}, "string", "array")
				continue
			}
			if key == "excludeRoleId" {
				out.excludeRoleID = list[0] != ""
			} else {
				out.excludeOrganizationID = list[0] != ""
			}
		}
	}
	if list, ok := values["isThirdParty"]; ok {
		p := path{"isThirdParty"}
		if len(list) == 1 && (list[0] == "true" || list[0] == "false") {
			out.isThirdParty = ptr(list[0] == "true")
		} else {
			var received any = list[0]
			if len(list) > 1 {
				arr := make([]any, len(list))
				for i, v := range list {
					arr[i] = v
				}
				received = arr
			}
			first, second := &zodIssues{}, &zodIssues{}
			first.invalidLiteral(p, "true", received)
			second.invalidLiteral(p, "false", received)
			z.invalidUnion(p, first, second)
		}
	}
	return out, z
}

// typesQuery validates `types`: an array of types (repeated parameter) or one type.
func (z *zodIssues) typesQuery(list []string) []string {
	p := path{"types"}
	asArray, asSingle := &zodIssues{}, &zodIssues{}
	if len(list) == 1 {
		asArray.invalidType(p, "array", "string")
		if contains(applicationTypes, list[0]) {
			return list
		}
		asSingle.invalidEnumValue(p, list[0], applicationTypes)
	} else {
		for i, v := range list {
			if !contains(applicationTypes, v) {
				asArray.invalidEnumValue(p.with(i), v, applicationTypes)
			}
		}
		if asArray.empty() {
			return list
		}
		asSingle.invalidTypeEnum(p, applicationTypes, "array")
	}
	z.invalidUnion(p, asArray, asSingle)
	return nil
}
