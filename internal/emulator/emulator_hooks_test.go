package emulator_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// Emulator-only tests: counters, faults, token revocation and expiry, isAdmin. They skip
// against a real Logto.

func TestEmulator_newRequiresCredentials(t *testing.T) {
	t.Parallel()
	if _, err := emulator.New(emulator.Options{ClientID: "x"}); err == nil {
		t.Error("New without ClientSecret succeeded")
	}
	if _, err := emulator.New(emulator.Options{ClientSecret: "x"}); err == nil {
		t.Error("New without ClientID succeeded")
	}
}

func TestEmulator_counters(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	app := tg.createApplication(t, map[string]any{"name": uniqueName("count"), "type": "SPA"})
	id := str(app["id"])
	tg.request(t, http.MethodGet, "/api/applications/"+id, nil)
	tg.request(t, http.MethodGet, "/api/applications/"+id, nil)
	tg.requestWithToken(t, "", http.MethodGet, "/api/applications/"+id, nil) // 401 counts too
	tg.request(t, http.MethodGet, "/api/nope", nil)

	want := map[string]int{
		"POST /oidc/token":             1,
		"POST /api/applications":       1,
		"GET /api/applications/{id}":   3,
		"GET <unmatched>":              1,
		"PATCH /api/applications/{id}": 0,
	}
	for route, n := range want {
		if got := tg.emu.Requests(route); got != n {
			t.Errorf("Requests(%q) = %d, want %d", route, got, n)
		}
	}
	counts := tg.emu.RequestCounts()
	counts["GET /api/applications/{id}"] = 99 // a copy
	if tg.emu.Requests("GET /api/applications/{id}") != 3 {
		t.Error("RequestCounts did not return a copy")
	}
	tg.emu.ResetRequestCounts()
	if n := len(tg.emu.RequestCounts()); n != 0 {
		t.Errorf("%d counters after reset", n)
	}
}

func TestEmulator_countersConcurrent(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	token := tg.accessToken(t)
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tg.requestWithToken(t, token, http.MethodGet, "/api/applications", nil)
		}()
	}
	wg.Wait()
	if got := tg.emu.Requests("GET /api/applications"); got != 20 {
		t.Errorf("Requests = %d, want 20", got)
	}
}

func TestEmulator_faultStatus(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	tg.accessToken(t)
	tg.emu.InjectFault(emulator.Fault{Method: http.MethodGet, Route: "/api/applications", Status: http.StatusTooManyRequests, RetryAfter: "2", Times: 2})
	for range 2 {
		resp := tg.request(t, http.MethodGet, "/api/applications", nil)
		wantError(t, resp, http.StatusTooManyRequests, "request.rate_limited", "Too many requests. Please try again later.")
		if resp.header.Get("Retry-After") != "2" {
			t.Errorf("Retry-After = %q", resp.header.Get("Retry-After"))
		}
	}
	wantStatus(t, tg.request(t, http.MethodGet, "/api/applications", nil), http.StatusOK)
	if got := tg.emu.Requests("GET /api/applications"); got != 3 {
		t.Errorf("faulted requests not counted: %d", got)
	}

	tg.emu.InjectFault(emulator.Fault{Status: http.StatusServiceUnavailable, Code: "request.general"})
	wantError(t, tg.request(t, http.MethodGet, "/api/status", nil), http.StatusServiceUnavailable, "request.general", "")
	wantError(t, tg.request(t, http.MethodPost, "/api/applications", map[string]any{}), http.StatusServiceUnavailable, "request.general", "")
	tg.emu.ClearFaults()
	wantStatus(t, tg.request(t, http.MethodGet, "/api/status", nil), http.StatusNoContent)

	tg.emu.InjectFault(emulator.Fault{Method: http.MethodPost, Route: "/oidc/token", Status: http.StatusInternalServerError, Times: 1})
	resp := tg.tokenRequest(t, url.Values{"grant_type": {"client_credentials"}, "resource": {tg.resource}, "scope": {"all"}}, tg.clientID, tg.clientSecret)
	wantStatus(t, resp, http.StatusInternalServerError)
	if got := jsonString(resp.json(t)); got != `{"message":"Internal server error."}` {
		t.Errorf("500 body = %s", got)
	}
}

func TestEmulator_faultDelay(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	tg.accessToken(t)
	tg.emu.InjectFault(emulator.Fault{Route: "/api/applications", Delay: 150 * time.Millisecond, Times: 1})
	start := time.Now()
	wantStatus(t, tg.request(t, http.MethodGet, "/api/applications", nil), http.StatusOK)
	if elapsed := time.Since(start); elapsed < 150*time.Millisecond {
		t.Errorf("answer after %v, want ≥ 150ms", elapsed)
	}

	// A cancelled request stops the delay.
	tg.emu.InjectFault(emulator.Fault{Route: "/api/applications", Delay: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, tg.endpoint+"/api/applications", nil)
	req.Header.Set("Authorization", "Bearer "+tg.accessToken(t))
	start = time.Now()
	if _, err := tg.client.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("cancelled request took %v", elapsed)
	}
	tg.emu.ClearFaults()
}

func TestEmulator_faultDrop(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	tg.accessToken(t)
	tg.emu.InjectFault(emulator.Fault{Method: http.MethodPatch, Route: "/api/applications/{id}", Drop: true, Times: 1})
	app := tg.createApplication(t, map[string]any{"name": uniqueName("drop"), "type": "SPA"})
	req, _ := http.NewRequest(http.MethodPatch, tg.endpoint+"/api/applications/"+str(app["id"]), nil)
	req.Header.Set("Authorization", "Bearer "+tg.accessToken(t))
	if resp, err := tg.client.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("dropped request answered %d", resp.StatusCode)
	}
	// Times: 1 — the next request is served.
	resp := tg.request(t, http.MethodPatch, "/api/applications/"+str(app["id"]), map[string]any{"description": "after drop"})
	wantStatus(t, resp, http.StatusOK)
	if got := tg.emu.Requests("PATCH /api/applications/{id}"); got != 2 {
		t.Errorf("Requests = %d, want 2", got)
	}
}

func TestEmulator_revokeTokens(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	old := tg.accessToken(t)
	wantStatus(t, tg.requestWithToken(t, old, http.MethodGet, "/api/applications", nil), http.StatusOK)
	tg.emu.RevokeTokens()
	resp := tg.requestWithToken(t, old, http.MethodGet, "/api/applications", nil)
	wantError(t, resp, http.StatusUnauthorized, "auth.unauthorized", "Unauthorized. Please check credentials and its scope.")
	fresh := tg.fetchToken(t)
	wantStatus(t, tg.requestWithToken(t, fresh, http.MethodGet, "/api/applications", nil), http.StatusOK)
}

func TestEmulator_tokenExpiry(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	tg := emulatorTarget(t, func(o *emulator.Options) { o.Now = clock; o.TokenTTL = 10 * time.Minute })

	resp := tg.tokenRequest(t, url.Values{"grant_type": {"client_credentials"}, "resource": {tg.resource}, "scope": {"all"}}, tg.clientID, tg.clientSecret)
	if got := resp.object(t)["expires_in"]; got != float64(600) {
		t.Errorf("expires_in = %v, want 600", got)
	}
	token := str(resp.object(t)["access_token"])
	advance(9 * time.Minute)
	wantStatus(t, tg.requestWithToken(t, token, http.MethodGet, "/api/applications", nil), http.StatusOK)
	advance(time.Minute)
	body := wantError(t, tg.requestWithToken(t, token, http.MethodGet, "/api/applications", nil),
		http.StatusUnauthorized, "auth.unauthorized", "")
	if field(body, "data", "code") != "ERR_JWT_EXPIRED" {
		t.Errorf("data = %s", jsonString(body["data"]))
	}
}

func TestEmulator_isAdmin(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	app := tg.createApplication(t, map[string]any{"name": uniqueName("admin"), "type": "MachineToMachine"})
	path := "/api/applications/" + str(app["id"])
	wantStatus(t, tg.request(t, http.MethodPatch, path, map[string]any{"isAdmin": true}), http.StatusOK)
	if got := tg.request(t, http.MethodGet, path, nil).object(t)["isAdmin"]; got != true {
		t.Errorf("isAdmin = %v, want true", got)
	}
}
