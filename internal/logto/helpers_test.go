package logto

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testClientID     = "m2m-client-id"
	testClientSecret = "client-secret-Xq7rT2vN9"
	testResource     = "https://default.logto.app/api"
)

// fakeLogto is a minimal Logto for client tests: a token endpoint issuing
// tokens "access-token-1", "access-token-2", … and an /api handler per test.
type fakeLogto struct {
	srv *httptest.Server

	tokenCalls atomic.Int32
	apiCalls   atomic.Int32
	expiresIn  atomic.Int64
	tokenDelay atomic.Int64 // nanoseconds
	// token503s is how many token requests fail with 503 before one succeeds.
	token503s atomic.Int32

	mu        sync.Mutex
	tokenForm url.Values
	tokenUser string
	tokenPass string
	tokenErr  *fakeAnswer // when set, the token endpoint fails with it
	api       http.HandlerFunc
}

type fakeAnswer struct {
	status int
	body   string
}

func newFakeLogto(t *testing.T, api http.HandlerFunc) *fakeLogto {
	t.Helper()
	f := &fakeLogto{api: api}
	f.expiresIn.Store(3600)
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeLogto) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/oidc/token" {
		f.serveToken(w, r)
		return
	}
	f.apiCalls.Add(1)
	f.mu.Lock()
	api := f.api
	f.mu.Unlock()
	api(w, r)
}

func (f *fakeLogto) serveToken(w http.ResponseWriter, r *http.Request) {
	n := f.tokenCalls.Add(1)
	if d := time.Duration(f.tokenDelay.Load()); d > 0 {
		time.Sleep(d)
	}
	_ = r.ParseForm()
	user, pass, _ := r.BasicAuth()
	f.mu.Lock()
	f.tokenForm, f.tokenUser, f.tokenPass = r.PostForm, user, pass
	fail := f.tokenErr
	f.mu.Unlock()
	if fail != nil {
		writeJSON(w, fail.status, fail.body)
		return
	}
	if f.token503s.Add(-1) >= 0 {
		writeJSON(w, http.StatusServiceUnavailable, `{"message":"starting"}`)
		return
	}
	writeJSON(w, http.StatusOK, fmt.Sprintf(
		`{"access_token":"access-token-%d","expires_in":%d,"token_type":"Bearer","scope":"all"}`,
		n, f.expiresIn.Load()))
}

func (f *fakeLogto) setAPI(h http.HandlerFunc) {
	f.mu.Lock()
	f.api = h
	f.mu.Unlock()
}

func (f *fakeLogto) failToken(status int, body string) {
	f.mu.Lock()
	f.tokenErr = &fakeAnswer{status: status, body: body}
	f.mu.Unlock()
}

// client returns a Client for the fake server with fast retries.
func (f *fakeLogto) client(t *testing.T, mutate ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		Endpoint:     f.srv.URL,
		ClientID:     testClientID,
		ClientSecret: testClientSecret,
		Resource:     testResource,
		MaxRetries:   3,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// bearer returns the access token a request carries.
func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

// okJSON answers 200 with body.
func okJSON(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, body) }
}

// dropConnection closes the connection after the request was read.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Error("response writer cannot hijack")
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	_ = conn.Close()
}

// noKeepAlive makes every attempt use a new connection, so that Go's
// transport never retries on a reused connection by itself.
func noKeepAlive(cfg *Config) {
	cfg.HTTPClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

// fakeClock is a settable clock for token expiry.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// jsonEqual reports whether two JSON texts hold the same value.
func jsonEqual(t *testing.T, got, want string) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("got is not JSON: %v: %s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want is not JSON: %v: %s", err, want)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	return string(gb) == string(wb)
}
