package emulator_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Conformance tests of /api/organizations (captured in ../shared/logto/samples/12-organizations
// and checked against Logto 1.42's source where the samples say nothing).

const organizationKeys = "tenantId,id,name,description,customData,isMfaRequired,color,branding,customCss,createdAt"

// createOrganization creates an organization (201) and deletes it when the test ends.
func (tg *target) createOrganization(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	resp := tg.request(t, http.MethodPost, "/api/organizations", body)
	wantStatus(t, resp, http.StatusCreated)
	org := resp.object(t)
	id := str(org["id"])
	if id == "" {
		t.Fatalf("created organization has no id: %s", resp.body)
	}
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/organizations/"+id) })
	return org
}

// listIDs returns the ids of a list answer, in order.
func listIDs(t *testing.T, resp *response) []string {
	t.Helper()
	var out []string
	for _, item := range resp.list(t) {
		out = append(out, str(field(item, "id")))
	}
	return out
}

func TestOrganizations_lifecycle(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	name := uniqueName("org")
	resp := tg.request(t, http.MethodPost, "/api/organizations", map[string]any{
		"name": name, "description": "Org from a conformance test", "isMfaRequired": true,
		"customData": map[string]any{"b": 1, "aa": 2, "a": 3}, "createdAt": 5, "tenantId": "default",
	})
	wantStatus(t, resp, http.StatusCreated)
	org := resp.object(t)
	id := str(org["id"])
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/organizations/"+id) })
	if got := strings.Join(keyOrder(t, resp.body), ","); got != organizationKeys {
		t.Errorf("keys = %s, want %s", got, organizationKeys)
	}
	if !shortID.MatchString(id) || org["tenantId"] != "default" || org["name"] != name || org["isMfaRequired"] != true ||
		jsonString(org["color"]) != "{}" || jsonString(org["branding"]) != "{}" || org["customCss"] != nil {
		t.Errorf("created organization = %s", resp.body)
	}
	if num(org["createdAt"]) < 1e12 {
		t.Errorf("createdAt = %v: the body's createdAt must be ignored on create", org["createdAt"])
	}
	if raw := rawField(t, resp.body, "customData"); raw != `{"a":3,"b":1,"aa":2}` {
		t.Errorf("customData = %s, want jsonb key order", raw)
	}

	twin := tg.createOrganization(t, map[string]any{"name": name})
	if twin["id"] == id || twin["description"] != nil || jsonString(twin["customData"]) != "{}" || twin["isMfaRequired"] != false {
		t.Errorf("organization with the same name = %v (names may repeat; defaults)", twin)
	}

	got := tg.request(t, http.MethodGet, "/api/organizations/"+id, nil)
	wantStatus(t, got, http.StatusOK)
	if string(got.body) != string(resp.body) {
		t.Errorf("GET = %s, want the created organization %s", got.body, resp.body)
	}

	patched := tg.request(t, http.MethodPatch, "/api/organizations/"+id, map[string]any{
		"name": name + "-renamed", "customData": map[string]any{"plan": "enterprise"}, "isMfaRequired": false,
		"description": nil, "color": map[string]any{"primaryColor": "#123456"},
		"branding": map[string]any{"logoUrl": "https://example.com/logo.png"}, "customCss": "body{}",
	})
	wantStatus(t, patched, http.StatusOK)
	p := patched.object(t)
	if p["name"] != name+"-renamed" || p["description"] != nil || jsonString(p["customData"]) != `{"plan":"enterprise"}` ||
		p["isMfaRequired"] != false || jsonString(p["color"]) != `{"primaryColor":"#123456"}` ||
		jsonString(p["branding"]) != `{"logoUrl":"https://example.com/logo.png"}` || p["customCss"] != "body{}" ||
		p["createdAt"] != org["createdAt"] {
		t.Errorf("PATCH answer = %s (customData replaced, not merged)", patched.body)
	}
	color := tg.request(t, http.MethodPatch, "/api/organizations/"+id, map[string]any{
		"color": map[string]any{"darkPrimaryColor": "#abc", "isDarkModeEnabled": true}, "customCss": nil,
	})
	wantStatus(t, color, http.StatusOK)
	if raw := rawField(t, color.body, "color"); raw != `{"isDarkModeEnabled":true,"darkPrimaryColor":"#abc"}` {
		t.Errorf("color = %s: replaced whole, in the guard's key order", raw)
	}
	if c := color.object(t); c["customCss"] != nil || jsonString(c["branding"]) != `{"logoUrl":"https://example.com/logo.png"}` {
		t.Errorf("PATCH touched what it did not name, or kept customCss: %s", color.body)
	}

	for _, body := range []any{map[string]any{}, map[string]any{"unknown": 1}} {
		wantError(t, tg.request(t, http.MethodPatch, "/api/organizations/"+id, body),
			http.StatusUnprocessableEntity, "entity.invalid_input", "Invalid input. Value list must not be empty.")
	}
	wantError(t, tg.request(t, http.MethodPatch, "/api/organizations/does-not-exist", map[string]any{"name": "x"}),
		http.StatusNotFound, "entity.not_exists", "The organization does not exist.")
	wantError(t, tg.request(t, http.MethodGet, "/api/organizations/does-not-exist", nil),
		http.StatusNotFound, "entity.not_exists_with_id", "The organizations with ID `does-not-exist` does not exist.")

	wantStatus(t, tg.request(t, http.MethodDelete, "/api/organizations/"+id, nil), http.StatusNoContent)
	wantError(t, tg.request(t, http.MethodGet, "/api/organizations/"+id, nil), http.StatusNotFound, "entity.not_exists_with_id", "")
	wantError(t, tg.request(t, http.MethodDelete, "/api/organizations/"+id, nil),
		http.StatusNotFound, "entity.not_found", "The resource does not exist.")
}

func TestOrganizations_validation(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	issues := wantIssues(t, tg.request(t, http.MethodPost, "/api/organizations", map[string]any{"description": "x"}), "body")
	if len(issues) != 1 || pathOf(issues[0]) != "name" || issues[0]["code"] != "invalid_type" || issues[0]["message"] != "Required" {
		t.Errorf("missing name: %v", issues)
	}
	issues = wantIssues(t, tg.request(t, http.MethodPost, "/api/organizations", map[string]any{
		"name": "", "description": 5, "customData": []any{}, "isMfaRequired": nil,
		"color":    map[string]any{"primaryColor": "blue", "isDarkModeEnabled": "yes"},
		"branding": map[string]any{"favicon": "not a url"}, "customCss": 1,
	}), "body")
	var paths []string
	for _, issue := range issues {
		paths = append(paths, pathOf(issue)+":"+str(issue["code"]))
	}
	want := "name:too_small,description:invalid_type,customData:invalid_type,isMfaRequired:invalid_type," +
		"color.primaryColor:invalid_string,color.isDarkModeEnabled:invalid_type,branding.favicon:invalid_string,customCss:invalid_type"
	if got := strings.Join(paths, ","); got != want {
		t.Errorf("issues = %s\nwant     %s", got, want)
	}
	// Positive control: the same fields, valid, are accepted.
	tg.createOrganization(t, map[string]any{
		"name": uniqueName("valid"), "description": "", "customData": map[string]any{}, "isMfaRequired": false,
		"color": map[string]any{"primaryColor": "#ABC", "isDarkModeEnabled": false}, "branding": map[string]any{"favicon": "https://x.example/f.ico"},
		"customCss": nil,
	})
	org := tg.createOrganization(t, map[string]any{"name": uniqueName("patch")})
	issues = wantIssues(t, tg.request(t, http.MethodPatch, "/api/organizations/"+str(org["id"]), map[string]any{
		"id": "", "name": strings.Repeat("n", 129), "isMfaRequired": "no",
	}), "body")
	paths = nil
	for _, issue := range issues {
		paths = append(paths, pathOf(issue)+":"+str(issue["code"]))
	}
	if got := strings.Join(paths, ","); got != "id:too_small,name:too_big,isMfaRequired:invalid_type" {
		t.Errorf("PATCH issues = %s", got)
	}
}

func TestOrganizations_listSearchAndPaging(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	tag := "tfacc-conf-" + randomHex(5)
	var created []string
	for _, suffix := range []string{"-a", "-b", "-c"} {
		created = append(created, str(tg.createOrganization(t, map[string]any{"name": tag + suffix})["id"]))
	}
	all := tg.request(t, http.MethodGet, "/api/organizations?q="+tag, nil)
	wantStatus(t, all, http.StatusOK)
	if got := listIDs(t, all); !sameSet(got, created) || all.header.Get("Total-Number") != "3" {
		t.Fatalf("q=%s: %v (Total-Number %q), want %v", tag, got, all.header.Get("Total-Number"), created)
	}
	for query, want := range map[string]int{
		"q=" + strings.ToUpper(tag):                  3, // ILIKE: case-insensitive
		"q=" + url.QueryEscape(tag[:len(tag)-1]+"_"): 3, // "_" is a wildcard
		"q=" + tag + "-b":                            1, // a substring of the name
		"q=" + created[2]:                            1, // or of the id
		"q=" + tag + "-zzz":                          0,
	} {
		resp := tg.request(t, http.MethodGet, "/api/organizations?"+query, nil)
		wantStatus(t, resp, http.StatusOK)
		if n := len(resp.list(t)); n != want || resp.header.Get("Total-Number") != itoa(want) {
			t.Errorf("%s: %d organizations (Total-Number %q), want %d", query, n, resp.header.Get("Total-Number"), want)
		}
	}
	page := tg.request(t, http.MethodGet, "/api/organizations?q="+tag+"&page=2&page_size=2", nil)
	wantStatus(t, page, http.StatusOK)
	first := tg.request(t, http.MethodGet, "/api/organizations?q="+tag+"&page=1&page_size=2", nil)
	if got := append(listIDs(t, first), listIDs(t, page)...); !sameSet(got, created) || page.header.Get("Total-Number") != "3" {
		t.Errorf("pages = %v, want %v once each", got, created)
	}
	if l := links(page); !strings.Contains(l, `page=1&page_size=2>; rel="first"`) || !strings.Contains(l, `rel="prev"`) ||
		!strings.Contains(l, `page=2&page_size=2>; rel="last"`) || strings.Contains(l, `rel="next"`) {
		t.Errorf("Link = %s", l)
	}
	featured := tg.request(t, http.MethodGet, "/api/organizations?q="+tag+"-a&showFeatured=true", nil)
	wantStatus(t, featured, http.StatusOK)
	if rows := featured.list(t); len(rows) != 1 || field(rows[0], "usersCount") != float64(0) || jsonString(field(rows[0], "featuredUsers")) != "[]" {
		t.Errorf("showFeatured = %s", featured.body)
	}
	if rows := first.list(t); len(rows) > 0 && field(rows[0], "usersCount") != nil {
		t.Errorf("usersCount without showFeatured: %s", first.body)
	}
	wantError(t, tg.request(t, http.MethodGet, "/api/organizations?page_size=101", nil),
		http.StatusBadRequest, "guard.invalid_pagination", "The request pagination value is invalid.")
	issues := wantIssues(t, tg.request(t, http.MethodGet, "/api/organizations?q=a&q=b", nil), "query")
	if pathOf(issues[0]) != "q" {
		t.Errorf("repeated q: %v", issues)
	}
}

func TestOrganizations_renameByPatchMovesRelations(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	org := tg.createOrganization(t, map[string]any{"name": uniqueName("rename")})
	id := str(org["id"])
	user := str(tg.createUser(t, map[string]any{"name": uniqueName("member")})["id"])
	wantStatus(t, tg.request(t, http.MethodPost, "/api/organizations/"+id+"/users", map[string]any{"userIds": []string{user}}), http.StatusCreated)
	wantStatus(t, tg.request(t, http.MethodPut, "/api/organizations/"+id+"/jit/email-domains",
		map[string]any{"emailDomains": []string{"rename.example.com"}}), http.StatusNoContent)

	newID := "tfacc" + randomHex(3)
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/organizations/"+newID) })
	renamed := tg.request(t, http.MethodPatch, "/api/organizations/"+id, map[string]any{"id": newID, "createdAt": 5})
	wantStatus(t, renamed, http.StatusOK)
	if r := renamed.object(t); r["id"] != newID || r["createdAt"] != float64(5) {
		t.Fatalf("PATCH id and createdAt = %s (Logto's PATCH guard takes every column)", renamed.body)
	}
	wantError(t, tg.request(t, http.MethodGet, "/api/organizations/"+id, nil), http.StatusNotFound, "entity.not_exists_with_id", "")
	members := tg.request(t, http.MethodGet, "/api/organizations/"+newID+"/users", nil)
	if got := listIDs(t, members); len(got) != 1 || got[0] != user {
		t.Errorf("members after the rename = %s", members.body)
	}
	domains := tg.request(t, http.MethodGet, "/api/organizations/"+newID+"/jit/email-domains", nil)
	if rows := domains.list(t); len(rows) != 1 || field(rows[0], "organizationId") != newID {
		t.Errorf("JIT domains after the rename = %s", domains.body)
	}
	other := tg.createOrganization(t, map[string]any{"name": uniqueName("other")})
	wantError(t, tg.request(t, http.MethodPatch, "/api/organizations/"+str(other["id"]), map[string]any{"id": newID}),
		http.StatusUnprocessableEntity, "entity.unique_integrity_violation", "The entity already exists. Please check the input and try again.")
}

func itoa(n int) string {
	return strings.TrimSpace(jsonString(n))
}
