package emulator_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var standardID = regexp.MustCompile(`^[0-9a-z]{21}$`)

// keyOrder returns the top-level keys of a JSON object in the order they were sent.
func keyOrder(t *testing.T, raw []byte) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %s", raw)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		key, _ := tok.(string)
		keys = append(keys, key)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

const applicationKeys = "tenantId,id,name,description,type,oidcClientMetadata,customClientMetadata," +
	"protectedAppMetadata,customData,isThirdParty,appLevelAccessControlEnabled,createdAt"

func TestApplications_createEachType(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	for _, appType := range []string{"Traditional", "SPA", "Native", "MachineToMachine"} {
		t.Run(appType, func(t *testing.T) {
			t.Parallel()
			name := uniqueName(strings.ToLower(appType))
			app := tg.createApplication(t, map[string]any{"name": name, "type": appType})
			if app["type"] != appType || app["name"] != name {
				t.Errorf("type/name = %v/%v, want %s/%s", app["type"], app["name"], appType, name)
			}
			if id := str(app["id"]); !standardID.MatchString(id) {
				t.Errorf("id = %q, want 21 lowercase letters and digits", id)
			}
		})
	}
}

func TestApplications_defaults(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	before := time.Now().Add(-time.Hour).UnixMilli()
	resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{"name": uniqueName("defaults"), "type": "MachineToMachine"})
	wantStatus(t, resp, http.StatusOK)
	app := resp.object(t)
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/applications/"+str(app["id"])) })

	if got := strings.Join(keyOrder(t, resp.body), ","); got != applicationKeys {
		t.Errorf("keys = %s\nwant   %s", got, applicationKeys)
	}
	if tenant, _ := app["tenantId"].(string); tenant == "" || (!realLogto() && tenant != "default") {
		t.Errorf("tenantId = %v", app["tenantId"])
	}
	checks := map[string]string{
		"description":                  "null",
		"oidcClientMetadata":           `{"postLogoutRedirectUris":[],"redirectUris":[]}`,
		"customClientMetadata":         `{}`,
		"protectedAppMetadata":         "null",
		"customData":                   `{}`,
		"isThirdParty":                 "false",
		"appLevelAccessControlEnabled": "false",
	}
	for key, want := range checks {
		if got := jsonString(app[key]); got != want {
			t.Errorf("%s = %s, want %s", key, got, want)
		}
	}
	if created, _ := app["createdAt"].(float64); int64(created) < before || int64(created) > time.Now().Add(time.Hour).UnixMilli() {
		t.Errorf("createdAt = %v, want epoch milliseconds of now", app["createdAt"])
	}
	if _, ok := app["secret"]; ok {
		t.Errorf("create answer exposes secret")
	}
	if _, ok := app["isAdmin"]; ok {
		t.Errorf("create answer has isAdmin")
	}
}

func TestApplications_getHasIsAdmin(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	app := tg.createApplication(t, map[string]any{"name": uniqueName("get"), "type": "SPA",
		"oidcClientMetadata": map[string]any{"redirectUris": []string{"https://spa.example.com/callback"}, "postLogoutRedirectUris": []string{}}})
	resp := tg.request(t, http.MethodGet, "/api/applications/"+str(app["id"]), nil)
	wantStatus(t, resp, http.StatusOK)
	got := resp.object(t)
	if got["isAdmin"] != false {
		t.Errorf("isAdmin = %v, want false", got["isAdmin"])
	}
	if keys := strings.Join(keyOrder(t, resp.body), ","); keys != applicationKeys+",isAdmin" {
		t.Errorf("keys = %s", keys)
	}
	if jsonString(field(got, "oidcClientMetadata", "redirectUris")) != `["https://spa.example.com/callback"]` {
		t.Errorf("redirectUris = %v", field(got, "oidcClientMetadata", "redirectUris"))
	}

	patched := tg.request(t, http.MethodPatch, "/api/applications/"+str(app["id"]), map[string]any{"isAdmin": false})
	wantStatus(t, patched, http.StatusOK)
	if _, ok := patched.object(t)["isAdmin"]; ok {
		t.Errorf("PATCH answer has isAdmin")
	}
}

func TestApplications_patchReplacesWholeObjects(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	app := tg.createApplication(t, map[string]any{
		"name": uniqueName("replace"), "description": "before", "type": "Traditional",
		"oidcClientMetadata": map[string]any{
			"redirectUris":           []string{"https://app.example.com/callback", "http://localhost:8080/callback"},
			"postLogoutRedirectUris": []string{"https://app.example.com/"},
		},
		"customClientMetadata": map[string]any{"rotateRefreshToken": true, "alwaysIssueRefreshToken": false, "refreshTokenTtlInDays": 14},
		"customData":           map[string]any{"team": "platform", "tier": 1},
	})
	if got := jsonString(app["customClientMetadata"]); got != `{"alwaysIssueRefreshToken":false,"refreshTokenTtlInDays":14,"rotateRefreshToken":true}` {
		t.Errorf("customClientMetadata after create = %s", got)
	}
	id := str(app["id"])
	resp := tg.request(t, http.MethodPatch, "/api/applications/"+id, map[string]any{
		"name": str(app["name"]) + "-renamed", "description": "updated",
		"oidcClientMetadata":   map[string]any{"redirectUris": []string{"https://app.example.com/cb2"}, "postLogoutRedirectUris": []string{}},
		"customClientMetadata": map[string]any{"corsAllowedOrigins": []string{"https://app.example.com"}, "idTokenTtl": 3600},
	})
	wantStatus(t, resp, http.StatusOK)
	for _, got := range []map[string]any{resp.object(t), tg.request(t, http.MethodGet, "/api/applications/"+id, nil).object(t)} {
		if got["name"] != str(app["name"])+"-renamed" || got["description"] != "updated" {
			t.Errorf("name/description = %v/%v", got["name"], got["description"])
		}
		if s := jsonString(got["oidcClientMetadata"]); s != `{"postLogoutRedirectUris":[],"redirectUris":["https://app.example.com/cb2"]}` {
			t.Errorf("oidcClientMetadata = %s", s)
		}
		if s := jsonString(got["customClientMetadata"]); s != `{"corsAllowedOrigins":["https://app.example.com"],"idTokenTtl":3600}` {
			t.Errorf("customClientMetadata = %s (fields not sent must be gone)", s)
		}
		if s := jsonString(got["customData"]); s != `{"team":"platform","tier":1}` {
			t.Errorf("customData = %s (not sent, must be kept)", s)
		}
	}

	// customData in PATCH /applications/{id} replaces too.
	resp = tg.request(t, http.MethodPatch, "/api/applications/"+id, map[string]any{"customData": map[string]any{"k": "v"}})
	wantStatus(t, resp, http.StatusOK)
	if s := jsonString(resp.object(t)["customData"]); s != `{"k":"v"}` {
		t.Errorf("customData after PATCH = %s, want {\"k\":\"v\"}", s)
	}
}

func TestApplications_patchPartialOIDCMetadata(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	app := tg.createApplication(t, map[string]any{"name": uniqueName("partial"), "type": "MachineToMachine"})
	resp := tg.request(t, http.MethodPatch, "/api/applications/"+str(app["id"]),
		map[string]any{"oidcClientMetadata": map[string]any{"redirectUris": []string{"ftp//bad"}}})
	issues := wantIssues(t, resp, "body")
	if len(issues) != 2 {
		t.Fatalf("issues = %s, want 2", jsonString(issues))
	}
	if pathOf(issues[0]) != "oidcClientMetadata.redirectUris.0" || issues[0]["code"] != "custom" || issues[0]["message"] != "Invalid input" {
		t.Errorf("issue 0 = %s", jsonString(issues[0]))
	}
	if pathOf(issues[1]) != "oidcClientMetadata.postLogoutRedirectUris" || issues[1]["code"] != "invalid_type" ||
		issues[1]["expected"] != "array" || issues[1]["received"] != "undefined" || issues[1]["message"] != "Required" {
		t.Errorf("issue 1 = %s", jsonString(issues[1]))
	}
	wantDetails := "Error in key path \"oidcClientMetadata.redirectUris.0\": (custom) Invalid input\n" +
		"Error in key path \"oidcClientMetadata.postLogoutRedirectUris\": (invalid_type) Expected array but received undefined."
	if details := resp.object(t)["details"]; details != wantDetails {
		t.Errorf("details = %q", details)
	}
	// Nothing changed.
	got := tg.request(t, http.MethodGet, "/api/applications/"+str(app["id"]), nil).object(t)
	if s := jsonString(got["oidcClientMetadata"]); s != `{"postLogoutRedirectUris":[],"redirectUris":[]}` {
		t.Errorf("oidcClientMetadata after rejected PATCH = %s", s)
	}
}

func TestApplications_customDataMerge(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	app := tg.createApplication(t, map[string]any{"name": uniqueName("merge"), "type": "MachineToMachine",
		"customData": map[string]any{"team": "platform", "tier": 1, "nested": map[string]any{"a": 1}}})
	id := str(app["id"])
	resp := tg.request(t, http.MethodPatch, "/api/applications/"+id+"/custom-data",
		map[string]any{"extra": "value", "nested": map[string]any{"b": 2}})
	wantStatus(t, resp, http.StatusOK)
	want := `{"extra":"value","nested":{"b":2},"team":"platform","tier":1}` // shallow: nested is replaced
	if s := jsonString(resp.json(t)); s != want {
		t.Errorf("merged customData = %s, want %s", s, want)
	}
	if s := jsonString(tg.request(t, http.MethodGet, "/api/applications/"+id, nil).object(t)["customData"]); s != want {
		t.Errorf("customData after merge = %s, want %s", s, want)
	}

	missing := tg.request(t, http.MethodPatch, "/api/applications/tfacc-missing-"+randomHex(4)+"/custom-data", map[string]any{"x": 1})
	wantError(t, missing, http.StatusNotFound, "entity.not_exists", "The application does not exist.")

	notObject := tg.request(t, http.MethodPatch, "/api/applications/"+id+"/custom-data", []any{1})
	issues := wantIssues(t, notObject, "body")
	if issues[0]["expected"] != "object" || issues[0]["received"] != "array" {
		t.Errorf("issue = %s", jsonString(issues[0]))
	}
}

func TestApplications_patchIgnoresTypeAndUnknownKeys(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	app := tg.createApplication(t, map[string]any{"name": uniqueName("type"), "type": "MachineToMachine"})
	id := str(app["id"])
	resp := tg.request(t, http.MethodPatch, "/api/applications/"+id, map[string]any{"type": "SPA"})
	wantStatus(t, resp, http.StatusOK)
	if got := resp.object(t); got["type"] != "MachineToMachine" {
		t.Errorf("type = %v, want MachineToMachine (type is not patchable)", got["type"])
	}
	resp = tg.request(t, http.MethodPatch, "/api/applications/"+id, map[string]any{"isThirdParty": true, "tfaccUnknown": 1, "description": "d"})
	wantStatus(t, resp, http.StatusOK)
	got := resp.object(t)
	if got["isThirdParty"] != false || got["description"] != "d" {
		t.Errorf("isThirdParty/description = %v/%v", got["isThirdParty"], got["description"])
	}
	if _, ok := got["tfaccUnknown"]; ok {
		t.Errorf("unknown key kept")
	}
	resp = tg.request(t, http.MethodPatch, "/api/applications/"+id, map[string]any{"description": nil})
	wantStatus(t, resp, http.StatusOK)
	if got := resp.object(t); got["description"] != nil {
		t.Errorf("description = %v, want null", got["description"])
	}
}

func TestApplications_notFound(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	id := "tfacc-missing-" + randomHex(3)
	message := "The applications with ID `" + id + "` does not exist."
	for _, method := range []string{http.MethodGet, http.MethodPatch, http.MethodDelete} {
		var body any
		if method == http.MethodPatch {
			body = map[string]any{"name": "x"}
		}
		resp := tg.request(t, method, "/api/applications/"+id, body)
		wantError(t, resp, http.StatusNotFound, "entity.not_exists_with_id", message)
	}
}

func TestApplications_delete(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	app := tg.createApplication(t, map[string]any{"name": uniqueName("delete"), "type": "Traditional"})
	id := str(app["id"])
	resp := tg.request(t, http.MethodDelete, "/api/applications/"+id, nil)
	wantStatus(t, resp, http.StatusNoContent)
	if len(resp.body) != 0 {
		t.Errorf("DELETE body = %q", resp.body)
	}
	wantError(t, tg.request(t, http.MethodGet, "/api/applications/"+id, nil), http.StatusNotFound, "entity.not_exists_with_id", "")
	wantError(t, tg.request(t, http.MethodDelete, "/api/applications/"+id, nil), http.StatusNotFound, "entity.not_exists_with_id", "")
	wantError(t, tg.request(t, http.MethodGet, "/api/applications/"+id+"/secrets", nil), http.StatusNotFound, "entity.not_exists_with_id", "")
}

func TestApplications_duplicateNamesAllowed(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	name := uniqueName("dup")
	first := tg.createApplication(t, map[string]any{"name": name, "type": "MachineToMachine"})
	second := tg.createApplication(t, map[string]any{"name": name, "type": "MachineToMachine"})
	if first["id"] == second["id"] {
		t.Errorf("both applications got id %v", first["id"])
	}
}
