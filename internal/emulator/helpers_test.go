package emulator_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// The conformance tests describe Logto's behaviour with real HTTP requests. With LOGTO_ENDPOINT,
// LOGTO_CLIENT_ID and LOGTO_CLIENT_SECRET (and optionally LOGTO_RESOURCE) set they run against
// that Logto; otherwise each test starts its own emulator. Tests create uniquely named objects
// and delete them when they end.

// target is the server under test.
type target struct {
	endpoint     string
	clientID     string
	clientSecret string
	resource     string
	emu          *emulator.Server // nil against a real Logto
	client       *http.Client

	mu    sync.Mutex
	token string
}

// realLogto reports whether the tests run against a real Logto.
func realLogto() bool { return os.Getenv("LOGTO_ENDPOINT") != "" }

// newTarget returns the real Logto from the environment, or a fresh emulator; tune adjusts the
// emulator's options.
func newTarget(t *testing.T, tune ...func(*emulator.Options)) *target {
	t.Helper()
	client := &http.Client{Timeout: 30 * time.Second}
	if realLogto() {
		resource := os.Getenv("LOGTO_RESOURCE")
		if resource == "" {
			resource = emulator.DefaultResource
		}
		return &target{
			endpoint:     strings.TrimSuffix(os.Getenv("LOGTO_ENDPOINT"), "/"),
			clientID:     os.Getenv("LOGTO_CLIENT_ID"),
			clientSecret: os.Getenv("LOGTO_CLIENT_SECRET"),
			resource:     resource,
			client:       client,
		}
	}
	opts := emulator.Options{ClientID: "conf-" + randomHex(6), ClientSecret: randomHex(16)}
	for _, f := range tune {
		f(&opts)
	}
	emu, err := emulator.New(opts)
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	resource := opts.Resource
	if resource == "" {
		resource = emulator.DefaultResource
	}
	return &target{
		endpoint: srv.URL, clientID: opts.ClientID, clientSecret: opts.ClientSecret,
		resource: resource, emu: emu, client: client,
	}
}

// emulatorTarget is newTarget for tests that need the emulator's hooks; it skips against a
// real Logto.
func emulatorTarget(t *testing.T, tune ...func(*emulator.Options)) *target {
	t.Helper()
	if realLogto() {
		t.Skip("emulator-only test")
	}
	return newTarget(t, tune...)
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// uniqueName is a name no other test run uses.
func uniqueName(suffix string) string {
	return "tfacc-conf-" + randomHex(5) + "-" + suffix
}

// response is a buffered HTTP answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r *response) json(t *testing.T) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("answer %d is not JSON: %v: %s", r.status, err, r.body)
	}
	return v
}

func (r *response) object(t *testing.T) map[string]any {
	t.Helper()
	obj, ok := r.json(t).(map[string]any)
	if !ok {
		t.Fatalf("answer is not a JSON object: %s", r.body)
	}
	return obj
}

func (r *response) list(t *testing.T) []any {
	t.Helper()
	list, ok := r.json(t).([]any)
	if !ok {
		t.Fatalf("answer is not a JSON array: %s", r.body)
	}
	return list
}

// send performs a request and buffers the answer.
func (tg *target) send(t *testing.T, req *http.Request) *response {
	t.Helper()
	resp, err := tg.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading answer of %s %s: %v", req.Method, req.URL, err)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: body}
}

// tokenRequest posts a form to /oidc/token; basic selects client_secret_basic.
func (tg *target) tokenRequest(t *testing.T, form url.Values, basicID, basicSecret string) *response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, tg.endpoint+"/oidc/token", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if basicID != "" {
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString(
			[]byte(url.QueryEscape(basicID)+":"+url.QueryEscape(basicSecret))))
	}
	return tg.send(t, req)
}

// accessToken returns a Management API token, fetched once per target.
func (tg *target) accessToken(t *testing.T) string {
	t.Helper()
	tg.mu.Lock()
	defer tg.mu.Unlock()
	if tg.token == "" {
		tg.token = tg.fetchToken(t)
	}
	return tg.token
}

func (tg *target) fetchToken(t *testing.T) string {
	t.Helper()
	resp := tg.tokenRequest(t, url.Values{
		"grant_type": {"client_credentials"}, "resource": {tg.resource}, "scope": {"all"},
	}, tg.clientID, tg.clientSecret)
	if resp.status != http.StatusOK {
		t.Fatalf("token request: %d %s", resp.status, resp.body)
	}
	token := str(resp.object(t)["access_token"])
	if token == "" {
		t.Fatalf("token answer without access_token: %s", resp.body)
	}
	return token
}

// request sends an authenticated request to an /api path; a non-nil body is sent as JSON
// (a string body is sent as is).
func (tg *target) request(t *testing.T, method, path string, body any) *response {
	t.Helper()
	return tg.requestWithToken(t, tg.accessToken(t), method, path, body)
}

func (tg *target) requestWithToken(t *testing.T, token, method, path string, body any) *response {
	t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, tg.endpoint+path, reader)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return tg.send(t, req)
}

// createApplication creates an application, requires 200 and deletes it when the test ends.
func (tg *target) createApplication(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	resp := tg.request(t, http.MethodPost, "/api/applications", body)
	if resp.status != http.StatusOK {
		t.Fatalf("create application: %d %s", resp.status, resp.body)
	}
	app := resp.object(t)
	id := str(app["id"])
	if id == "" {
		t.Fatalf("created application has no id: %s", resp.body)
	}
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/applications/"+id) })
	return app
}

// deleteQuietly deletes an object during cleanup; 404 is fine (the test deleted it).
func (tg *target) deleteQuietly(t *testing.T, path string) {
	resp := tg.request(t, http.MethodDelete, path, nil)
	if resp.status != http.StatusNoContent && resp.status != http.StatusNotFound {
		t.Errorf("cleanup DELETE %s: %d %s", path, resp.status, resp.body)
	}
}

// wantStatus fails the test when the answer has another status.
func wantStatus(t *testing.T, resp *response, status int) {
	t.Helper()
	if resp.status != status {
		t.Fatalf("status = %d, want %d; body: %s", resp.status, status, resp.body)
	}
}

// wantError checks a Logto error answer: status, code and (when not "") message.
func wantError(t *testing.T, resp *response, status int, code, message string) map[string]any {
	t.Helper()
	wantStatus(t, resp, status)
	if ct := resp.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	body := resp.object(t)
	if body["code"] != code {
		t.Errorf("code = %v, want %s; body: %s", body["code"], code, resp.body)
	}
	if message != "" && body["message"] != message {
		t.Errorf("message = %q, want %q", body["message"], message)
	}
	return body
}

// wantIssues checks a 400 guard.invalid_input answer and returns its zod issues.
func wantIssues(t *testing.T, resp *response, part string) []map[string]any {
	t.Helper()
	body := wantError(t, resp, http.StatusBadRequest, "guard.invalid_input", "The request "+part+" is invalid.")
	data, _ := body["data"].(map[string]any)
	if data["name"] != "ZodError" {
		t.Errorf("data.name = %v, want ZodError", data["name"])
	}
	raw, _ := data["issues"].([]any)
	if len(raw) == 0 {
		t.Fatalf("no issues in %s", resp.body)
	}
	issues := make([]map[string]any, len(raw))
	for i, item := range raw {
		issues[i], _ = item.(map[string]any)
	}
	if details, _ := body["details"].(string); !strings.HasPrefix(details, "Error in key path ") {
		t.Errorf("details = %q", details)
	}
	return issues
}

// pathOf renders an issue path as "a.b.0".
func pathOf(issue map[string]any) string {
	raw, _ := issue["path"].([]any)
	parts := make([]string, len(raw))
	for i, p := range raw {
		switch v := p.(type) {
		case float64:
			parts[i] = jsonString(v)
		default:
			parts[i], _ = v.(string)
		}
	}
	return strings.Join(parts, ".")
}

func jsonString(v any) string {
	raw, _ := json.Marshal(v)
	return string(raw)
}

// field walks nested objects: field(app, "oidcClientMetadata", "redirectUris").
func field(v any, keys ...string) any {
	for _, k := range keys {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[k]
	}
	return v
}

// str is v as a string ("" when it is not one).
func str(v any) string {
	s, _ := v.(string)
	return s
}

// num is v as a number (0 when it is not one).
func num(v any) float64 {
	f, _ := v.(float64)
	return f
}

// list is v as a JSON array (nil when it is not one).
func list(v any) []any {
	l, _ := v.([]any)
	return l
}
