package emulator_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestToken_clientSecretBasic(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.tokenRequest(t, url.Values{
		"grant_type": {"client_credentials"}, "resource": {tg.resource}, "scope": {"all"},
	}, tg.clientID, tg.clientSecret)
	wantStatus(t, resp, http.StatusOK)
	if ct := resp.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	body := resp.object(t)
	if token := str(body["access_token"]); token == "" {
		t.Errorf("access_token missing: %s", resp.body)
	}
	if body["token_type"] != "Bearer" || body["scope"] != "all" {
		t.Errorf("token_type/scope = %v/%v, want Bearer/all", body["token_type"], body["scope"])
	}
	if expires, _ := body["expires_in"].(float64); expires <= 0 {
		t.Errorf("expires_in = %v", body["expires_in"])
	}
	// The token works on the Management API.
	list := tg.requestWithToken(t, str(body["access_token"]), http.MethodGet, "/api/applications?page=1&page_size=1", nil)
	wantStatus(t, list, http.StatusOK)
}

func TestToken_clientSecretPost(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.tokenRequest(t, url.Values{
		"grant_type": {"client_credentials"}, "client_id": {tg.clientID}, "client_secret": {tg.clientSecret},
		"resource": {tg.resource}, "scope": {"all"},
	}, "", "")
	wantStatus(t, resp, http.StatusOK)
	body := resp.object(t)
	if body["token_type"] != "Bearer" || body["scope"] != "all" || body["access_token"] == "" {
		t.Errorf("unexpected token answer: %s", resp.body)
	}
}

func TestToken_wrongSecret(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.tokenRequest(t, url.Values{
		"grant_type": {"client_credentials"}, "resource": {tg.resource}, "scope": {"all"},
	}, tg.clientID, tg.clientSecret+"-wrong")
	body := wantError(t, resp, http.StatusUnauthorized, "oidc.invalid_client", "An OIDC error occurred: oidc.invalid_client.")
	if body["error"] != "invalid_client" || body["error_description"] != "client authentication failed" {
		t.Errorf("error/error_description = %v/%v", body["error"], body["error_description"])
	}
	challenge := resp.header.Get("WWW-Authenticate")
	if !strings.HasPrefix(challenge, `Basic realm="`) ||
		!strings.Contains(challenge, `/oidc", error="invalid_client", error_description="client authentication failed"`) {
		t.Errorf("WWW-Authenticate = %q", challenge)
	}
}

func TestToken_unknownClientPost(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.tokenRequest(t, url.Values{
		"grant_type": {"client_credentials"}, "client_id": {"tfacc-no-such-client"}, "client_secret": {"x"},
		"resource": {tg.resource}, "scope": {"all"},
	}, "", "")
	body := wantError(t, resp, http.StatusBadRequest, "oidc.invalid_client", "An OIDC error occurred: oidc.invalid_client.")
	if body["error_description"] != "invalid client tfacc-no-such-client" {
		t.Errorf("error_description = %v, want %q", body["error_description"], "invalid client tfacc-no-such-client")
	}
	if challenge := resp.header.Get("WWW-Authenticate"); challenge != "" {
		t.Errorf("WWW-Authenticate = %q without an Authorization header", challenge)
	}
}

// An unknown client id is refused with 400 before any authentication method
// is looked at, so Basic authentication gets no 401 challenge either.
func TestToken_unknownClientBasic(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.tokenRequest(t, url.Values{
		"grant_type": {"client_credentials"}, "resource": {tg.resource}, "scope": {"all"},
	}, "tfacc-no-such-client", "x")
	body := wantError(t, resp, http.StatusBadRequest, "oidc.invalid_client", "An OIDC error occurred: oidc.invalid_client.")
	if body["error_description"] != "invalid client tfacc-no-such-client" {
		t.Errorf("error_description = %v", body["error_description"])
	}
}

func TestToken_unknownResource(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.tokenRequest(t, url.Values{
		"grant_type": {"client_credentials"}, "resource": {"https://unknown.example.com/api"}, "scope": {"all"},
	}, tg.clientID, tg.clientSecret)
	body := wantError(t, resp, http.StatusBadRequest, "oidc.invalid_target", "Invalid resource indicator.")
	if body["error"] != "invalid_target" || body["error_description"] != "resource indicator is missing, or unknown" {
		t.Errorf("error/error_description = %v/%v", body["error"], body["error_description"])
	}
}

func TestToken_missingResource(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.tokenRequest(t, url.Values{"grant_type": {"client_credentials"}, "scope": {"all"}}, tg.clientID, tg.clientSecret)
	body := wantError(t, resp, http.StatusBadRequest, "oidc.invalid_target", "Invalid resource indicator.")
	if body["error_description"] != "both `resource` and `organization_id` are not provided" {
		t.Errorf("error_description = %v", body["error_description"])
	}
}

func TestToken_unsupportedGrantType(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.tokenRequest(t, url.Values{"grant_type": {"password"}, "resource": {tg.resource}}, tg.clientID, tg.clientSecret)
	body := wantError(t, resp, http.StatusBadRequest, "oidc.unsupported_grant_type", "Unsupported `grant_type` requested.")
	if body["error"] != "unsupported_grant_type" || body["error_description"] != "unsupported grant_type requested" {
		t.Errorf("error/error_description = %v/%v", body["error"], body["error_description"])
	}
}

func TestManagementAPI_missingAuthorization(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.requestWithToken(t, "", http.MethodGet, "/api/applications", nil)
	wantError(t, resp, http.StatusUnauthorized, "auth.authorization_header_missing", "Authorization header is missing.")
}

func TestManagementAPI_garbageBearer(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.requestWithToken(t, "not-a-token-"+randomHex(8), http.MethodGet, "/api/applications", nil)
	body := wantError(t, resp, http.StatusUnauthorized, "auth.unauthorized", "Unauthorized. Please check credentials and its scope.")
	if code := field(body, "data", "code"); code != "ERR_JWS_INVALID" {
		t.Errorf("data.code = %v, want ERR_JWS_INVALID", code)
	}
	if name := field(body, "data", "name"); name != "JWSInvalid" {
		t.Errorf("data.name = %v, want JWSInvalid", name)
	}
}

func TestManagementAPI_statusWithoutAuth(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.requestWithToken(t, "", http.MethodGet, "/api/status", nil)
	wantStatus(t, resp, http.StatusNoContent)
	if len(resp.body) != 0 {
		t.Errorf("body = %q, want none", resp.body)
	}
}

func TestManagementAPI_unknownRoute(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.request(t, http.MethodGet, "/api/tfacc-no-such-route", nil)
	wantStatus(t, resp, http.StatusNotFound)
	// Without a token too: an unmatched route never reaches authentication.
	resp = tg.requestWithToken(t, "", http.MethodGet, "/api/tfacc-no-such-route", nil)
	wantStatus(t, resp, http.StatusNotFound)
}

func TestManagementAPI_wrongMethod(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.request(t, http.MethodPut, "/api/applications", map[string]any{})
	wantStatus(t, resp, http.StatusMethodNotAllowed)
	allow := resp.header.Get("Allow")
	if !strings.Contains(allow, "GET") || !strings.Contains(allow, "POST") {
		t.Errorf("Allow = %q, want GET and POST", allow)
	}
}

func TestDiscovery(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	req, err := http.NewRequest(http.MethodGet, tg.endpoint+"/oidc/.well-known/openid-configuration", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp := tg.send(t, req)
	wantStatus(t, resp, http.StatusOK)
	body := resp.object(t)
	issuer, _ := body["issuer"].(string)
	if !strings.HasSuffix(issuer, "/oidc") {
		t.Errorf("issuer = %q, want …/oidc", issuer)
	}
	if body["token_endpoint"] != issuer+"/token" {
		t.Errorf("token_endpoint = %v, want %s/token", body["token_endpoint"], issuer)
	}
	methods, _ := body["token_endpoint_auth_methods_supported"].([]any)
	if jsonString(methods) == "null" || !strings.Contains(jsonString(methods), `"client_secret_basic"`) {
		t.Errorf("token_endpoint_auth_methods_supported = %v", methods)
	}
}

// A token requested without scope=all carries no scope and is refused by the
// Management API (checked against Logto 1.42).
func TestToken_withoutScopeIsForbidden(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.tokenRequest(t, url.Values{"grant_type": {"client_credentials"}, "resource": {tg.resource}}, tg.clientID, tg.clientSecret)
	wantStatus(t, resp, http.StatusOK)
	body := resp.object(t)
	if _, ok := body["scope"]; ok {
		t.Errorf("scope in answer without requested scope: %s", resp.body)
	}
	wantError(t, tg.requestWithToken(t, str(body["access_token"]), http.MethodGet, "/api/applications", nil),
		http.StatusForbidden, "auth.forbidden", "Forbidden. Please check your user roles and permissions.")
}
