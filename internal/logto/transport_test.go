package logto

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestRetry_429RetryAfterHonoured(t *testing.T) {
	var calls atomic.Int32
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusTooManyRequests, `{"message":"Too many requests"}`)
			return
		}
		writeJSON(w, http.StatusOK, `{}`)
	})
	c := f.client(t)
	start := time.Now()
	if err := c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil); err != nil {
		t.Fatalf("request: %v", err)
	}
	if took := time.Since(start); took < 950*time.Millisecond {
		t.Errorf("retried after %s, want Retry-After (1s) honoured", took)
	}
	if got := calls.Load(); got != 2 {
		t.Errorf("attempts = %d, want 2", got)
	}
}

func TestRetry_GatewayErrorsRetriedUpToMaxRetries(t *testing.T) {
	for _, status := range []int{http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
				writeJSON(w, status, `{"code":"guard.server_busy","message":"busy"}`)
			})
			c := f.client(t) // MaxRetries 3
			err := c.do(t.Context(), http.MethodDelete, "/api/applications/a1", nil, nil, nil)
			e, ok := AsError(err)
			if !ok {
				t.Fatalf("error = %v, want *Error", err)
			}
			if e.StatusCode != status || e.Code != "guard.server_busy" || e.Message != "busy" {
				t.Errorf("error = %+v", e)
			}
			if got := f.apiCalls.Load(); got != 4 {
				t.Errorf("attempts = %d, want 4 (1 + MaxRetries)", got)
			}
		})
	}
}

func TestRetry_GatewayErrorThenSuccess(t *testing.T) {
	var calls atomic.Int32
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) <= 2 {
			writeJSON(w, http.StatusServiceUnavailable, `{}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"id":"a1","name":"n"}`)
	})
	app, err := f.client(t).UpdateApplication(t.Context(), "a1", ApplicationPatch{})
	if err != nil {
		t.Fatalf("PATCH: %v", err)
	}
	if app.Name != "n" || calls.Load() != 3 {
		t.Errorf("name %q after %d attempts", app.Name, calls.Load())
	}
}

func TestRetry_DisabledWithNegativeMaxRetries(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusServiceUnavailable, `{}`)
	})
	c := f.client(t, func(cfg *Config) { cfg.MaxRetries = -1 })
	if err := c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil); !IsStatus(err, 503) {
		t.Fatalf("error = %v, want 503", err)
	}
	if got := f.apiCalls.Load(); got != 1 {
		t.Errorf("attempts = %d, want 1", got)
	}
}

func TestRetry_500NotRetried(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusInternalServerError, `{"code":"unknown","message":"Internal server error."}`)
	})
	err := f.client(t).do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil)
	if !IsStatus(err, http.StatusInternalServerError) {
		t.Fatalf("error = %v, want 500", err)
	}
	if got := f.apiCalls.Load(); got != 1 {
		t.Errorf("attempts = %d, want 1", got)
	}
}

// A request sent once is not repeated by the transport after a 503 or a
// dropped connection: the server may have acted (create recovers above it).
func TestRetry_OnceNotRetriedOn503(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusServiceUnavailable, `{"code":"x.busy","message":"busy"}`)
	})
	err := f.client(t).doOnce(t.Context(), http.MethodPost, "/api/applications", map[string]string{"name": "a"}, nil)
	if !IsStatus(err, http.StatusServiceUnavailable) {
		t.Fatalf("error = %v, want 503", err)
	}
	if got := f.apiCalls.Load(); got != 1 {
		t.Errorf("attempts = %d, want 1", got)
	}
}

func TestRetry_OnceNotRetriedAfterDroppedConnection(t *testing.T) {
	f := newFakeLogto(t, nil)
	f.setAPI(func(w http.ResponseWriter, _ *http.Request) { dropConnection(t, w) })
	err := f.client(t, noKeepAlive).doOnce(t.Context(), http.MethodPatch, "/api/applications/a/secrets/old", map[string]string{"name": "new"}, nil)
	if err == nil {
		t.Fatal("no error")
	}
	if _, ok := AsError(err); ok {
		t.Errorf("error = %v, want a transport error", err)
	}
	if got := f.apiCalls.Load(); got != 1 {
		t.Errorf("attempts = %d, want 1 (the server may have acted)", got)
	}
}

func TestRetry_PostRetriedOn429(t *testing.T) {
	var calls atomic.Int32
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			writeJSON(w, http.StatusTooManyRequests, `{}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"id":"new"}`)
	})
	app, err := f.client(t).CreateApplication(t.Context(), ApplicationCreate{Name: "a", Type: ApplicationTypeSPA})
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	if app.ID != "new" || calls.Load() != 2 {
		t.Errorf("id %q after %d attempts", app.ID, calls.Load())
	}
}

// refuseFirstAPIDial fails the first /api attempt as a refused connection.
type refuseFirstAPIDial struct {
	next    http.RoundTripper
	refused atomic.Bool
}

func (r *refuseFirstAPIDial) RoundTrip(req *http.Request) (*http.Response, error) {
	if strings.HasPrefix(req.URL.Path, "/api/") && r.refused.CompareAndSwap(false, true) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	}
	return r.next.RoundTrip(req)
}

func TestRetry_PostRetriedOnDialError(t *testing.T) {
	f := newFakeLogto(t, okJSON(`{"id":"new"}`))
	rt := &refuseFirstAPIDial{next: http.DefaultTransport}
	c := f.client(t, func(cfg *Config) { cfg.HTTPClient = &http.Client{Transport: rt} })
	app, err := c.CreateApplication(t.Context(), ApplicationCreate{Name: "a", Type: ApplicationTypeSPA})
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	if !rt.refused.Load() || app.ID != "new" || f.apiCalls.Load() != 1 {
		t.Errorf("refused=%v id=%q server calls=%d", rt.refused.Load(), app.ID, f.apiCalls.Load())
	}
}

func TestRetry_GetRetriedAfterDroppedConnection(t *testing.T) {
	var calls atomic.Int32
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) == 1 {
			dropConnection(t, w)
			return
		}
		writeJSON(w, http.StatusOK, `{"id":"a1"}`)
	})
	app, err := f.client(t, noKeepAlive).GetApplication(t.Context(), "a1")
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	if app.ID != "a1" || calls.Load() != 2 {
		t.Errorf("id %q after %d attempts", app.ID, calls.Load())
	}
}

func TestRetry_AttemptTimeoutRetriesIdempotentRequest(t *testing.T) {
	var calls atomic.Int32
	f := newFakeLogto(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
			return
		}
		writeJSON(w, http.StatusOK, `{}`)
	})
	c := f.client(t, func(cfg *Config) { cfg.RequestTimeout = 100 * time.Millisecond })
	if err := c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil); err != nil {
		t.Fatalf("GET: %v", err)
	}
	if got := calls.Load(); got != 2 {
		t.Errorf("attempts = %d, want 2", got)
	}
}

func TestRetry_ContextCancellationReturnsPromptly(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	f := newFakeLogto(t, func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	c := f.client(t)
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	err := c.do(ctx, http.MethodGet, "/api/status", nil, nil, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("returned after %s", took)
	}
	if got := f.apiCalls.Load(); got != 1 {
		t.Errorf("attempts = %d, want 1", got)
	}
}

func TestRetry_ContextCancelledDuringBackoff(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "30")
		writeJSON(w, http.StatusTooManyRequests, `{}`)
	})
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := f.client(t).do(ctx, http.MethodGet, "/api/status", nil, nil, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want context.DeadlineExceeded", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("returned after %s", took)
	}
}

func TestRateLimit_SpacesRequests(t *testing.T) {
	f := newFakeLogto(t, okJSON(`{}`))
	c := f.client(t, func(cfg *Config) { cfg.RateLimit = 20 })
	start := time.Now()
	for range 5 {
		if err := c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	// 6 requests (token + 5) at 20/s with a burst of 1: at least 5 gaps of 50ms.
	if took := time.Since(start); took < 240*time.Millisecond {
		t.Errorf("6 requests took %s, want ≥ 250ms at 20 req/s", took)
	}
}

func TestUserAgentAndHeaders(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("User-Agent"); got != "tf-test/1.0" {
			t.Errorf("User-Agent = %q", got)
		}
		if got := r.Header.Get("Accept"); got != "application/json" {
			t.Errorf("Accept = %q", got)
		}
		writeJSON(w, http.StatusOK, `{}`)
	})
	c := f.client(t, func(cfg *Config) { cfg.UserAgent = "tf-test/1.0" })
	if err := c.do(t.Context(), http.MethodGet, "/api/status", nil, nil, nil); err != nil {
		t.Fatal(err)
	}
}

func TestBackoff_ExponentialFullJitterCapped(t *testing.T) {
	minWait, maxWait := 100*time.Millisecond, time.Second
	ms := time.Millisecond
	wantCeil := []time.Duration{100 * ms, 200 * ms, 400 * ms, 800 * ms, time.Second, time.Second}
	for attempt, ceil := range wantCeil {
		if got := backoffCeiling(minWait, maxWait, attempt); got != ceil {
			t.Errorf("ceiling(attempt %d) = %s, want %s", attempt, got, ceil)
		}
		for range 50 {
			if d := backoff(minWait, maxWait, attempt, nil); d < 0 || d > ceil {
				t.Fatalf("backoff(attempt %d) = %s, outside [0, %s]", attempt, d, ceil)
			}
		}
	}
	if got := backoffCeiling(time.Hour, 2*time.Hour, 1000); got != 2*time.Hour {
		t.Errorf("ceiling for a huge attempt = %s, want the cap", got)
	}
}

func TestBackoff_RetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"1", time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"0", 0, true},
		{"-3", 0, false},
		{"soon", 0, false},
		{"", 0, false},
		{"Sat, 21 Nov 2026 12:00:05 GMT", 5 * time.Second, true},
		{"Sat, 21 Nov 2026 11:59:00 GMT", 0, true},
		{"99999", maxRetryAfter, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.value, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %s, %v; want %s, %v", tt.value, got, ok, tt.want, tt.ok)
		}
	}
	resp := &http.Response{StatusCode: http.StatusServiceUnavailable, Header: http.Header{"Retry-After": {"3"}}}
	if got := backoff(time.Millisecond, time.Millisecond, 0, resp); got != 3*time.Second {
		t.Errorf("backoff with 503 Retry-After: 3 = %s", got)
	}
	resp.StatusCode = http.StatusBadGateway
	if got := backoff(time.Millisecond, time.Millisecond, 0, resp); got > time.Millisecond {
		t.Errorf("Retry-After on a 502 was honoured: %s", got)
	}
}

func TestCheckRetry_Policy(t *testing.T) {
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	tests := []struct {
		name       string
		repeatable bool
		status     int
		err        error
		want       bool
	}{
		{"GET 429", true, 429, nil, true},
		{"GET 502", true, 502, nil, true},
		{"GET 503", true, 503, nil, true},
		{"GET 504", true, 504, nil, true},
		{"GET 500", true, 500, nil, false},
		{"GET 404", true, 404, nil, false},
		{"GET reset", true, 0, reset, true},
		{"GET dial", true, 0, dial, true},
		{"POST 429", false, 429, nil, true},
		{"POST 503", false, 503, nil, false},
		{"POST reset", false, 0, reset, false},
		{"POST dial", false, 0, dial, true},
		{"rate wait", true, 0, &rateWaitError{err: errors.New("would exceed deadline")}, false},
	}
	for _, tt := range tests {
		ctx := withAttemptState(t.Context(), tt.repeatable)
		var resp *http.Response
		if tt.err == nil {
			resp = &http.Response{StatusCode: tt.status}
		}
		got, _ := checkRetry(ctx, resp, tt.err)
		if got != tt.want {
			t.Errorf("%s: retry = %v, want %v", tt.name, got, tt.want)
		}
	}
}
