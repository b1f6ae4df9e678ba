package logto

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestToken_FetchedOnceForSequentialRequests(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, r *http.Request) {
		if got := bearer(r); got != "access-token-1" {
			t.Errorf("Authorization bearer = %q, want access-token-1", got)
		}
		writeJSON(w, http.StatusOK, `{}`)
	})
	c := f.client(t)
	for i := range 5 {
		if err := c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	if got := f.tokenCalls.Load(); got != 1 {
		t.Errorf("token requests = %d, want 1", got)
	}
	if got := f.apiCalls.Load(); got != 5 {
		t.Errorf("API requests = %d, want 5", got)
	}
}

func TestToken_ConcurrentFirstRequestsShareOneFetch(t *testing.T) {
	f := newFakeLogto(t, okJSON(`{}`))
	f.tokenDelay.Store(int64(50 * time.Millisecond)) // keep the fetch in flight while others arrive
	c := f.client(t)

	const n = 20
	concurrentRequests(t, c, n)
	if got := f.tokenCalls.Load(); got != 1 {
		t.Errorf("token requests = %d, want exactly 1", got)
	}
	if got := f.apiCalls.Load(); got != n {
		t.Errorf("API requests = %d, want %d", got, n)
	}
}

func TestToken_RefreshedBeforeExpiry(t *testing.T) {
	f := newFakeLogto(t, okJSON(`{}`))
	f.expiresIn.Store(120)
	c := f.client(t)
	clock := &fakeClock{now: time.Unix(1_800_000_000, 0)}
	c.now = clock.Now

	get := func() {
		t.Helper()
		if err := c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	get()
	clock.Advance(59 * time.Second) // 61s left: still used
	get()
	if got := f.tokenCalls.Load(); got != 1 {
		t.Fatalf("token requests after 59s = %d, want 1", got)
	}
	clock.Advance(2 * time.Second) // 59s left: within the 60s margin
	get()
	if got := f.tokenCalls.Load(); got != 2 {
		t.Fatalf("token requests after 61s = %d, want 2", got)
	}
	get()
	if got := f.tokenCalls.Load(); got != 2 {
		t.Errorf("token requests after refresh = %d, want 2", got)
	}
}

func TestToken_ShortLivedTokenUsedForHalfItsLife(t *testing.T) {
	f := newFakeLogto(t, okJSON(`{}`))
	f.expiresIn.Store(2)
	c := f.client(t)
	clock := &fakeClock{now: time.Unix(1_800_000_000, 0)}
	c.now = clock.Now
	for _, step := range []time.Duration{0, 900 * time.Millisecond} {
		clock.Advance(step)
		if err := c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.tokenCalls.Load(); got != 1 {
		t.Fatalf("token requests within the first second = %d, want 1", got)
	}
	clock.Advance(200 * time.Millisecond)
	if err := c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := f.tokenCalls.Load(); got != 2 {
		t.Errorf("token requests after 1.1s = %d, want 2", got)
	}
}

func TestToken_401RefreshesOnceAndRetries(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, r *http.Request) {
		if bearer(r) == "access-token-1" {
			writeJSON(w, http.StatusUnauthorized, `{"code":"auth.unauthorized","message":"Unauthorized."}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"id":"app1"}`)
	})
	c := f.client(t)
	app, err := c.GetApplication(t.Context(), "app1")
	if err != nil {
		t.Fatalf("GetApplication: %v", err)
	}
	if app.ID != "app1" {
		t.Errorf("ID = %q", app.ID)
	}
	if got := f.tokenCalls.Load(); got != 2 {
		t.Errorf("token requests = %d, want 2", got)
	}
	if got := f.apiCalls.Load(); got != 2 {
		t.Errorf("API requests = %d, want 2", got)
	}
}

func TestToken_Concurrent401sShareOneRefresh(t *testing.T) {
	var mu sync.Mutex
	revoked := map[string]bool{}
	f := newFakeLogto(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		bad := revoked[bearer(r)]
		mu.Unlock()
		if bad {
			writeJSON(w, http.StatusUnauthorized, `{"code":"auth.unauthorized","message":"Unauthorized."}`)
			return
		}
		writeJSON(w, http.StatusOK, `{}`)
	})
	f.tokenDelay.Store(int64(30 * time.Millisecond))
	c := f.client(t)
	if err := c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	revoked["access-token-1"] = true
	mu.Unlock()

	const n = 20
	concurrentRequests(t, c, n)
	if got := f.tokenCalls.Load(); got != 2 {
		t.Errorf("token requests = %d, want 2 (one refresh shared by all)", got)
	}
}

func TestToken_Persistent401IsAnErrorAfterOneRetry(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusUnauthorized,
			`{"code":"auth.unauthorized","data":{"code":"ERR_JWS_INVALID"},"message":"Unauthorized. Please check credentials and its scope."}`)
	})
	c := f.client(t)
	err := c.do(t.Context(), http.MethodGet, "/api/applications/x", nil, nil, nil)
	e, ok := AsError(err)
	if !ok {
		t.Fatalf("error = %v, want *Error", err)
	}
	if e.StatusCode != http.StatusUnauthorized || e.Code != "auth.unauthorized" {
		t.Errorf("status, code = %d, %q", e.StatusCode, e.Code)
	}
	if got := f.apiCalls.Load(); got != 2 {
		t.Errorf("API requests = %d, want 2", got)
	}
	if got := f.tokenCalls.Load(); got != 2 {
		t.Errorf("token requests = %d, want 2", got)
	}
}

func TestToken_EndpointErrorsCarryLogtoCode(t *testing.T) {
	tests := []struct {
		name, body, code, details string
		status                    int
	}{
		{
			name:    "invalid client",
			status:  http.StatusUnauthorized,
			body:    `{"code":"oidc.invalid_client","message":"An OIDC error occurred: oidc.invalid_client.","error":"invalid_client","error_description":"client authentication failed"}`,
			code:    "oidc.invalid_client",
			details: "client authentication failed",
		},
		{
			name:    "invalid target",
			status:  http.StatusBadRequest,
			body:    `{"code":"oidc.invalid_target","message":"Invalid resource indicator.","error":"invalid_target","error_description":"resource indicator is missing, or unknown"}`,
			code:    "oidc.invalid_target",
			details: "resource indicator is missing, or unknown",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeLogto(t, okJSON(`{}`))
			f.failToken(tt.status, tt.body)
			c := f.client(t)
			_, err := c.GetApplication(t.Context(), "x")
			e, ok := AsError(err)
			if !ok {
				t.Fatalf("error = %v, want *Error", err)
			}
			if e.StatusCode != tt.status || e.Code != tt.code || e.Details != tt.details {
				t.Errorf("got %d %q %q, want %d %q %q", e.StatusCode, e.Code, e.Details, tt.status, tt.code, tt.details)
			}
			if e.Method != http.MethodPost || e.Path != "/oidc/token" {
				t.Errorf("request = %s %s", e.Method, e.Path)
			}
			if f.apiCalls.Load() != 0 {
				t.Error("the API was called without a token")
			}
			if got := f.tokenCalls.Load(); got != 1 {
				t.Errorf("token requests = %d, want 1 (4xx is not retried)", got)
			}
		})
	}
}

func TestToken_RequestForm(t *testing.T) {
	f := newFakeLogto(t, okJSON(`{}`))
	c := f.client(t)
	if err := c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	want := map[string]string{"grant_type": "client_credentials", "resource": testResource, "scope": "all"}
	for k, v := range want {
		if got := f.tokenForm.Get(k); got != v {
			t.Errorf("form %s = %q, want %q", k, got, v)
		}
	}
	if f.tokenForm.Has("client_secret") || f.tokenForm.Has("client_id") {
		t.Error("credentials were sent in the form, want HTTP Basic only")
	}
	if f.tokenUser != testClientID || f.tokenPass != testClientSecret {
		t.Errorf("basic auth = %q/%q", f.tokenUser, f.tokenPass)
	}
}

func TestToken_WaiterRetriesWhenLeaderIsCancelled(t *testing.T) {
	f := newFakeLogto(t, okJSON(`{}`))
	f.tokenDelay.Store(int64(100 * time.Millisecond))
	c := f.client(t)

	leaderCtx, cancel := context.WithCancel(t.Context())
	leaderDone := make(chan error, 1)
	go func() { leaderDone <- c.do(leaderCtx, http.MethodGet, "/api/status", nil, nil, nil) }()
	time.Sleep(20 * time.Millisecond) // the leader's fetch is in flight
	waiterDone := make(chan error, 1)
	go func() { waiterDone <- c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil) }()
	time.Sleep(20 * time.Millisecond)
	cancel()

	if err := <-leaderDone; !isContextError(err) {
		t.Errorf("leader error = %v, want context.Canceled", err)
	}
	if err := <-waiterDone; err != nil {
		t.Errorf("waiter error = %v, want success with its own fetch", err)
	}
}

func TestToken_RejectingAnOldTokenKeepsTheNewerOne(t *testing.T) {
	f := newFakeLogto(t, okJSON(`{}`))
	c := f.client(t)
	first, err := c.token(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.token(t.Context(), first) // a 401 with the first token
	if err != nil {
		t.Fatal(err)
	}
	if second == first || second.value != "access-token-2" {
		t.Fatalf("second token = %q", second.value)
	}
	// Another caller whose request with the first token just failed.
	again, err := c.token(t.Context(), first)
	if err != nil {
		t.Fatal(err)
	}
	if again != second {
		t.Error("a newer cached token was replaced")
	}
	if got := f.tokenCalls.Load(); got != 2 {
		t.Errorf("token requests = %d, want 2", got)
	}
}

func TestToken_EndpointRetriedOn503(t *testing.T) {
	f := newFakeLogto(t, okJSON(`{}`))
	f.token503s.Store(1)
	c := f.client(t)
	if err := c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil); err != nil {
		t.Fatalf("request: %v", err)
	}
	if got := f.tokenCalls.Load(); got != 2 {
		t.Errorf("token attempts = %d, want 2", got)
	}
}

// concurrentRequests releases n GET requests at once and fails the test on
// any error.
func concurrentRequests(t *testing.T, c *Client, n int) {
	t.Helper()
	start := make(chan struct{})
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			<-start
			errs <- c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil)
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("request: %v", err)
		}
	}
}
