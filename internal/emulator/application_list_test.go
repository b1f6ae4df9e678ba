package emulator_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// createSet creates applications named prefix-a, prefix-b… of the given types, in order.
func createSet(t *testing.T, tg *target, prefix string, types ...string) []map[string]any {
	t.Helper()
	apps := make([]map[string]any, len(types))
	for i, appType := range types {
		apps[i] = tg.createApplication(t, map[string]any{"name": prefix + "-" + string(rune('a'+i)), "type": appType})
	}
	return apps
}

// ids lists the ids of an answer.
func ids(t *testing.T, resp *response) []string {
	t.Helper()
	var out []string
	for _, item := range resp.list(t) {
		out = append(out, str(field(item, "id")))
	}
	return out
}

func links(resp *response) string { return strings.Join(resp.header.Values("Link"), ", ") }

// TestApplicationList_paging pages through this test's own applications
// (narrowed by search): offset paging shifts when other tests create
// applications between two page requests, so paging over the whole tenant
// would see one application on two pages against a real, busy Logto.
func TestApplicationList_paging(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	prefix := uniqueName("page")
	createSet(t, tg, prefix, "MachineToMachine", "MachineToMachine", "MachineToMachine")
	search := "&search=" + url.QueryEscape(prefix+"%")

	first := tg.request(t, http.MethodGet, "/api/applications?page=1&page_size=2"+search, nil)
	wantStatus(t, first, http.StatusOK)
	total, err := strconv.Atoi(first.header.Get("Total-Number"))
	if err != nil || total != 3 {
		t.Fatalf("Total-Number = %q, want 3", first.header.Get("Total-Number"))
	}
	if got := len(first.list(t)); got != 2 {
		t.Errorf("page 1 has %d applications, want page_size 2", got)
	}
	tail := search // the Link keeps the other query parameters after page and page_size
	if l := links(first); !strings.Contains(l, `page=1&page_size=2`+tail+`>; rel="first"`) || !strings.Contains(l, `page=2&page_size=2`+tail+`>; rel="next"`) ||
		!strings.Contains(l, `/applications?`) || strings.Contains(l, `rel="prev"`) {
		t.Errorf("Link = %s", l)
	}
	second := tg.request(t, http.MethodGet, "/api/applications?page=2&page_size=2"+search, nil)
	wantStatus(t, second, http.StatusOK)
	if !strings.Contains(links(second), `page=1&page_size=2`+tail+`>; rel="prev"`) {
		t.Errorf("Link of page 2 = %s", links(second))
	}
	seen := map[string]bool{}
	for _, id := range ids(t, first) {
		seen[id] = true
	}
	for _, id := range ids(t, second) {
		if seen[id] {
			t.Errorf("application %s is on pages 1 and 2", id)
		}
	}
	if got := len(ids(t, second)); got != 1 {
		t.Errorf("page 2 has %d applications, want the third one (Total-Number %d)", got, total)
	}
}

func TestApplicationList_withoutPagingParameters(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	prefix := uniqueName("all")
	createSet(t, tg, prefix, "SPA", "SPA")
	resp := tg.request(t, http.MethodGet, "/api/applications?search="+url.QueryEscape(prefix+"%"), nil)
	wantStatus(t, resp, http.StatusOK)
	if resp.header.Get("Total-Number") != "" || resp.header.Get("Link") != "" {
		t.Errorf("paging headers without page/page_size: %v", resp.header)
	}
	if got := len(resp.list(t)); got != 2 {
		t.Errorf("got %d applications, want 2", got)
	}
}

func TestApplicationList_searchIsAnILIKEPattern(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	prefix := uniqueName("search")
	apps := createSet(t, tg, prefix, "MachineToMachine", "SPA", "Traditional")
	get := func(query string) *response {
		resp := tg.request(t, http.MethodGet, "/api/applications?"+query, nil)
		wantStatus(t, resp, http.StatusOK)
		return resp
	}
	// The value is the whole pattern: a prefix alone matches nothing.
	if got := get("search=" + url.QueryEscape(prefix)).list(t); len(got) != 0 {
		t.Errorf("search=<prefix> found %d applications, want 0", len(got))
	}
	// '%' makes it a prefix search; newest first.
	resp := get("search=" + url.QueryEscape(prefix+"%"))
	want := []string{str(apps[2]["id"]), str(apps[1]["id"]), str(apps[0]["id"])}
	if got := ids(t, resp); !sameSet(got, want) {
		t.Errorf("search=<prefix>%% = %v, want %v", got, want)
	}
	var last float64
	for i, item := range resp.list(t) {
		created := num(field(item, "createdAt"))
		if i > 0 && created > last {
			t.Errorf("applications are not ordered by createdAt descending")
		}
		last = created
	}
	// Case-insensitive, and '_' matches one character.
	if got := get("search=" + url.QueryEscape(strings.ToUpper(prefix)+"%")).list(t); len(got) != 3 {
		t.Errorf("upper-case search found %d, want 3", len(got))
	}
	if got := ids(t, get("search="+url.QueryEscape(prefix+"-_"))); !sameSet(got, want) {
		t.Errorf("search=<prefix>-_ = %v, want %v", got, want)
	}
	// An exact value finds exactly that application.
	if got := ids(t, get("search="+url.QueryEscape(prefix+"-b"))); len(got) != 1 || got[0] != apps[1]["id"] {
		t.Errorf("search=<name> = %v, want [%v]", got, apps[1]["id"])
	}
	// Paged search counts only the matches.
	page := get("search=" + url.QueryEscape(prefix+"%") + "&page=1&page_size=2")
	if page.header.Get("Total-Number") != "3" || len(page.list(t)) != 2 {
		t.Errorf("paged search: Total-Number %q, %d items", page.header.Get("Total-Number"), len(page.list(t)))
	}
	page2 := get("search=" + url.QueryEscape(prefix+"%") + "&page=2&page_size=2")
	if got := ids(t, page2); len(got) != 1 || contains(ids(t, page), got[0]) {
		t.Errorf("page 2 = %v, page 1 = %v", got, ids(t, page))
	}
	if l := links(page2); !strings.Contains(l, "search="+url.QueryEscape(prefix+"%")) || !strings.Contains(l, `rel="last"`) {
		t.Errorf("Link = %s", l)
	}
}

func TestApplicationList_filters(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	prefix := uniqueName("filter")
	apps := createSet(t, tg, prefix, "SPA", "Native", "MachineToMachine")
	search := "search=" + url.QueryEscape(prefix+"%")
	get := func(query string) []string {
		resp := tg.request(t, http.MethodGet, "/api/applications?"+search+"&"+query, nil)
		wantStatus(t, resp, http.StatusOK)
		return ids(t, resp)
	}
	if got := get("types=SPA"); len(got) != 1 || got[0] != apps[0]["id"] {
		t.Errorf("types=SPA = %v", got)
	}
	if got := get("types=SPA&types=Native"); !sameSet(got, []string{str(apps[0]["id"]), str(apps[1]["id"])}) {
		t.Errorf("types=SPA&types=Native = %v", got)
	}
	if got := get("isThirdParty=false"); len(got) != 3 {
		t.Errorf("isThirdParty=false = %v", got)
	}
	if got := get("isThirdParty=true"); len(got) != 0 {
		t.Errorf("isThirdParty=true = %v", got)
	}
	resp := tg.request(t, http.MethodGet, "/api/applications?types=Desktop", nil)
	issues := wantIssues(t, resp, "query")
	if pathOf(issues[0]) != "types" {
		t.Errorf("issues = %s", jsonString(issues))
	}
}

func TestApplicationList_invalidPagination(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	for _, query := range []string{"page_size=101", "page=0", "page=abc", "page_size=-1"} {
		resp := tg.request(t, http.MethodGet, "/api/applications?"+query, nil)
		wantError(t, resp, http.StatusBadRequest, "guard.invalid_pagination", "The request pagination value is invalid.")
	}
	resp := tg.request(t, http.MethodGet, "/api/applications?page=1&page_size=100", nil)
	wantStatus(t, resp, http.StatusOK)
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	return true
}

func contains(list []string, value string) bool {
	for _, item := range list {
		if item == value {
			return true
		}
	}
	return false
}
