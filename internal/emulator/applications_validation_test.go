package emulator_test

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

const typeOptions = "'Native' | 'SPA' | 'Traditional' | 'MachineToMachine' | 'Protected' | 'SAML'"

func TestApplications_createInvalidRedirectURI(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{
		"name": uniqueName("bad"), "type": "Traditional",
		"oidcClientMetadata": map[string]any{"redirectUris": []string{"not a uri"}, "postLogoutRedirectUris": []string{}},
	})
	issues := wantIssues(t, resp, "body")
	if len(issues) != 1 || pathOf(issues[0]) != "oidcClientMetadata.redirectUris.0" ||
		issues[0]["code"] != "custom" || issues[0]["message"] != "Invalid input" {
		t.Errorf("issues = %s", jsonString(issues))
	}
	if details := resp.object(t)["details"]; details != `Error in key path "oidcClientMetadata.redirectUris.0": (custom) Invalid input` {
		t.Errorf("details = %q", details)
	}
}

func TestApplications_redirectURIRules(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	invalid := []string{
		"not a uri",
		"ftp//bad",
		"http://",
		"https://example.com:99999/callback",
		"https://exa mple.com/callback",
		"https://app.example.com/a/../callback",
		"https://app.example.com/%2e%2e/callback",
		"/relative/callback",
	}
	for _, uri := range invalid {
		t.Run("invalid "+uri, func(t *testing.T) {
			t.Parallel()
			resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{
				"name": uniqueName("uri"), "type": "Traditional",
				"oidcClientMetadata": map[string]any{"redirectUris": []string{}, "postLogoutRedirectUris": []string{"https://ok.example.com", uri}},
			})
			issues := wantIssues(t, resp, "body")
			if len(issues) != 1 || pathOf(issues[0]) != "oidcClientMetadata.postLogoutRedirectUris.1" || issues[0]["code"] != "custom" {
				t.Errorf("issues = %s", jsonString(issues))
			}
		})
	}
	valid := []struct{ appType, uri string }{
		{"Traditional", "https://a.example.com/cb#frag"},
		{"Traditional", "http://localhost:8080/callback"},
		{"Traditional", "https://*.example.com/callback"},
		{"Native", "io.example.app://callback"},
		{"Native", "com.example.app:/oauth2redirect"},
		{"SPA", "http://127.0.0.1:3000"},
	}
	for _, tc := range valid {
		t.Run("valid "+tc.uri, func(t *testing.T) {
			t.Parallel()
			app := tg.createApplication(t, map[string]any{
				"name": uniqueName("uri"), "type": tc.appType,
				"oidcClientMetadata": map[string]any{"redirectUris": []string{tc.uri}, "postLogoutRedirectUris": []string{}},
			})
			if got := jsonString(field(app, "oidcClientMetadata", "redirectUris")); got != jsonString([]string{tc.uri}) {
				t.Errorf("redirectUris = %s", got)
			}
		})
	}
}

func TestApplications_createMissingName(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{"type": "Traditional"})
	issues := wantIssues(t, resp, "body")
	want := `[{"code":"invalid_type","expected":"string","message":"Required","path":["name"],"received":"undefined"}]`
	if got := jsonString(issues); got != want {
		t.Errorf("issues = %s\nwant %s", got, want)
	}
	if details := resp.object(t)["details"]; details != `Error in key path "name": (invalid_type) Expected string but received undefined.` {
		t.Errorf("details = %q", details)
	}
}

func TestApplications_createMissingType(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{"name": uniqueName("notype")})
	issues := wantIssues(t, resp, "body")
	if len(issues) != 1 || pathOf(issues[0]) != "type" || issues[0]["code"] != "invalid_type" ||
		issues[0]["expected"] != typeOptions || issues[0]["received"] != "undefined" || issues[0]["message"] != "Required" {
		t.Errorf("issues = %s", jsonString(issues))
	}
}

func TestApplications_createUnknownType(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{"name": uniqueName("x"), "type": "Desktop"})
	issues := wantIssues(t, resp, "body")
	wantMessage := "Invalid enum value. Expected " + typeOptions + ", received 'Desktop'"
	if len(issues) != 1 || issues[0]["code"] != "invalid_enum_value" || issues[0]["received"] != "Desktop" ||
		issues[0]["message"] != wantMessage || len(list(issues[0]["options"])) != 6 {
		t.Errorf("issues = %s", jsonString(issues))
	}
}

func TestApplications_createInvalidJSON(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.request(t, http.MethodPost, "/api/applications", `{"name":`)
	wantStatus(t, resp, http.StatusBadRequest)
	if got := jsonString(resp.json(t)); got != `{"message":"Unexpected end of JSON input"}` {
		t.Errorf("body = %s", got)
	}
}

func TestApplications_createSAMLRejected(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{"name": uniqueName("saml"), "type": "SAML"})
	wantError(t, resp, http.StatusBadRequest, "application.saml.use_saml_app_api",
		"Use `[METHOD] /saml-applications(/.*)?` API to operate SAML app.")
}

func TestApplications_thirdParty(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{"name": uniqueName("3p"), "type": "MachineToMachine", "isThirdParty": true})
	wantError(t, resp, http.StatusBadRequest, "application.invalid_third_party_application_type",
		"Only traditional web, single-page, and native applications can be marked as third-party apps.")
	app := tg.createApplication(t, map[string]any{"name": uniqueName("3p"), "type": "Traditional", "isThirdParty": true})
	if app["isThirdParty"] != true {
		t.Errorf("isThirdParty = %v", app["isThirdParty"])
	}
}

func TestApplications_customClientMetadataGuard(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	cases := []struct {
		name     string
		metadata map[string]any
		path     string
		code     string
	}{
		{"ttl zero", map[string]any{"refreshTokenTtlInDays": 0}, "customClientMetadata.refreshTokenTtlInDays", "too_small"},
		{"ttl too big", map[string]any{"refreshTokenTtlInDays": 181}, "customClientMetadata.refreshTokenTtlInDays", "too_big"},
		{"ttl fraction", map[string]any{"refreshTokenTtlInDays": 1.5}, "customClientMetadata.refreshTokenTtlInDays", "invalid_type"},
		{"ttl string", map[string]any{"refreshTokenTtlInDays": "7"}, "customClientMetadata.refreshTokenTtlInDays", "invalid_type"},
		{"empty origin", map[string]any{"corsAllowedOrigins": []string{""}}, "customClientMetadata.corsAllowedOrigins.0", "too_small"},
		{"origins not array", map[string]any{"corsAllowedOrigins": "https://a.example.com"}, "customClientMetadata.corsAllowedOrigins", "invalid_type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{
				"name": uniqueName("ccm"), "type": "Traditional", "customClientMetadata": tc.metadata,
			})
			issues := wantIssues(t, resp, "body")
			if len(issues) != 1 || pathOf(issues[0]) != tc.path || issues[0]["code"] != tc.code {
				t.Errorf("issues = %s, want one %s at %s", jsonString(issues), tc.code, tc.path)
			}
		})
	}
	t.Run("unknown keys dropped", func(t *testing.T) {
		t.Parallel()
		app := tg.createApplication(t, map[string]any{"name": uniqueName("ccm"), "type": "Traditional",
			"customClientMetadata": map[string]any{"refreshTokenTtlInDays": 180, "tfaccUnknown": true}})
		if got := jsonString(app["customClientMetadata"]); got != `{"refreshTokenTtlInDays":180}` {
			t.Errorf("customClientMetadata = %s", got)
		}
	})
}

func TestApplications_protectedRequiresMetadata(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{"name": uniqueName("prot"), "type": "Protected"})
	wantError(t, resp, http.StatusBadRequest, "application.protected_app_metadata_is_required", "Protected app metadata is required.")
}

func TestApplications_protectedNotConfigured(t *testing.T) {
	t.Parallel()
	if realLogto() && os.Getenv("LOGTO_PROTECTED_APPS") == "1" {
		t.Skip("this Logto has a protected app provider")
	}
	tg := newTarget(t)
	resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{"name": uniqueName("prot"), "type": "Protected",
		"protectedAppMetadata": map[string]any{"subDomain": "tfacc-" + randomHex(4), "origin": "https://origin.example.com"}})
	wantError(t, resp, http.StatusNotImplemented, "application.protected_app_not_configured",
		"Protected app provider is not configured. This feature is not available for open source version.")
}

func TestApplications_protected(t *testing.T) {
	t.Parallel()
	if realLogto() && os.Getenv("LOGTO_PROTECTED_APPS") != "1" {
		t.Skip("set LOGTO_PROTECTED_APPS=1 when this Logto can create Protected apps")
	}
	tg := newTarget(t, func(o *emulator.Options) { o.ProtectedAppDomain = "protected.example.net" })
	subDomain := "tfacc-" + randomHex(4)
	app := tg.createApplication(t, map[string]any{"name": uniqueName("prot"), "type": "Protected",
		"protectedAppMetadata": map[string]any{"subDomain": subDomain, "origin": "https://origin.example.com"}})
	host := str(field(app, "protectedAppMetadata", "host"))
	if !strings.HasPrefix(host, subDomain+".") || (!realLogto() && host != subDomain+".protected.example.net") {
		t.Errorf("host = %q", host)
	}
	if field(app, "protectedAppMetadata", "origin") != "https://origin.example.com" ||
		field(app, "protectedAppMetadata", "sessionDuration") != float64(1209600) {
		t.Errorf("protectedAppMetadata = %s", jsonString(app["protectedAppMetadata"]))
	}
	if got := jsonString(field(app, "oidcClientMetadata", "redirectUris")); got != jsonString([]string{"https://" + host + "/sign-in-callback"}) {
		t.Errorf("redirectUris = %s", got)
	}
	secrets := tg.request(t, http.MethodGet, "/api/applications/"+str(app["id"])+"/secrets", nil)
	wantStatus(t, secrets, http.StatusOK)
	if list := secrets.list(t); len(list) != 1 || field(list[0], "name") != "Default secret" {
		t.Errorf("secrets = %s", secrets.body)
	}
	invalid := tg.request(t, http.MethodPost, "/api/applications", map[string]any{"name": uniqueName("prot"), "type": "Protected",
		"protectedAppMetadata": map[string]any{"subDomain": "Not_Valid", "origin": "https://origin.example.com"}})
	wantError(t, invalid, http.StatusUnprocessableEntity, "application.invalid_subdomain", "Invalid subdomain.")
}

func TestApplications_businessRules(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	m2m := tg.createApplication(t, map[string]any{"name": uniqueName("rules"), "type": "MachineToMachine"})
	path := "/api/applications/" + str(m2m["id"])

	wantError(t, tg.request(t, http.MethodPatch, path, map[string]any{"protectedAppMetadata": map[string]any{"origin": "https://o.example.com"}}),
		http.StatusBadRequest, "application.protected_application_only", "The feature is only available for protected applications.")
	wantError(t, tg.request(t, http.MethodPatch, path, map[string]any{"appLevelAccessControlEnabled": true}),
		http.StatusUnprocessableEntity, "request.invalid_input",
		"Input is invalid. Application access control must include at least one rule before it can be enabled.")
	wantStatus(t, tg.request(t, http.MethodPatch, path, map[string]any{"protectedAppMetadata": nil, "appLevelAccessControlEnabled": false}), http.StatusOK)

	wantError(t, tg.request(t, http.MethodPost, "/api/applications", map[string]any{"name": uniqueName("rules"), "type": "SPA",
		"customClientMetadata": map[string]any{"isDeviceFlow": true}}),
		http.StatusUnprocessableEntity, "application.device_flow_native_only", "Device flow is only available for native applications.")
	native := tg.createApplication(t, map[string]any{"name": uniqueName("rules"), "type": "Native",
		"customClientMetadata": map[string]any{"isDeviceFlow": true}})
	wantError(t, tg.request(t, http.MethodPatch, "/api/applications/"+str(native["id"]), map[string]any{"customClientMetadata": map[string]any{}}),
		http.StatusUnprocessableEntity, "application.device_flow_not_changeable", "Device flow cannot be changed after application creation.")

	wantError(t, tg.request(t, http.MethodPost, "/api/applications", map[string]any{"name": uniqueName("rules"), "type": "Traditional",
		"isThirdParty": true, "customClientMetadata": map[string]any{"allowTokenExchange": true}}),
		http.StatusUnprocessableEntity, "application.third_party_application_cannot_enable_token_exchange",
		"Third-party applications are not allowed to enable token exchange.")
}
