package emulator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// Emulator-only tests of faults applied after the handler ran, probabilistic faults and the
// FaultsApplied counts.

// rawRequest sends an authenticated JSON request and returns the transport's error instead of
// failing, for requests whose answer a fault may drop.
func (tg *target) rawRequest(t *testing.T, ctx context.Context, method, path string, body any) (*response, error) {
	t.Helper()
	var reader io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, tg.endpoint+path, reader)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+tg.accessToken(t))
	resp, err := tg.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: raw}, nil
}

// applicationsNamed lists the applications whose name is exactly name.
func (tg *target) applicationsNamed(t *testing.T, name string) []any {
	t.Helper()
	resp := tg.request(t, http.MethodGet, "/api/applications?search="+url.QueryEscape(name), nil)
	wantStatus(t, resp, http.StatusOK)
	return resp.list(t)
}

func wantApplied(t *testing.T, emu *emulator.Server, want map[string]int) {
	t.Helper()
	got := emu.FaultsApplied()
	if jsonString(got) != jsonString(want) {
		t.Errorf("FaultsApplied = %s, want %s", jsonString(got), jsonString(want))
	}
}

func TestFault_afterDropCreates(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	tg.accessToken(t)

	// Positive control: a drop before the handler creates nothing.
	tg.emu.InjectFault(emulator.Fault{Method: http.MethodPost, Route: "/api/applications", Drop: true, Times: 1})
	before := uniqueName("before-drop")
	if resp, err := tg.rawRequest(t, context.Background(), http.MethodPost, "/api/applications", map[string]any{"name": before, "type": "SPA"}); err == nil {
		t.Fatalf("dropped request answered %d", resp.status)
	}
	if got := tg.applicationsNamed(t, before); len(got) != 0 {
		t.Errorf("a drop before the handler created %d applications", len(got))
	}

	tg.emu.InjectFault(emulator.Fault{Method: http.MethodPost, Route: "/api/applications", Drop: true, After: true, Times: 1})
	name := uniqueName("after-drop")
	if resp, err := tg.rawRequest(t, context.Background(), http.MethodPost, "/api/applications", map[string]any{"name": name, "type": "Traditional"}); err == nil {
		t.Fatalf("dropped request answered %d", resp.status)
	}
	found := tg.applicationsNamed(t, name)
	if len(found) != 1 || field(found[0], "type") != "Traditional" {
		t.Fatalf("after the dropped answer, applications named %s: %s", name, jsonString(found))
	}
	// The handler acted fully: the application's default secret exists too.
	secrets := tg.request(t, http.MethodGet, "/api/applications/"+str(field(found[0], "id"))+"/secrets", nil)
	wantStatus(t, secrets, http.StatusOK)
	if got := secrets.list(t); len(got) != 1 {
		t.Errorf("secrets = %s", secrets.body)
	}
	// Times: 1 — the next create is answered.
	tg.createApplication(t, map[string]any{"name": uniqueName("served"), "type": "SPA"})
	wantApplied(t, tg.emu, map[string]int{"before drop": 1, "after drop": 1})
	if got := tg.emu.Requests("POST /api/applications"); got != 3 {
		t.Errorf("Requests = %d, want 3", got)
	}
}

func TestFault_afterStatusReplacesAnswer(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	tg.accessToken(t)
	tg.emu.InjectFault(emulator.Fault{Method: http.MethodPost, Route: "/api/applications", Status: http.StatusBadGateway,
		RetryAfter: "3", After: true, Times: 1})
	name := uniqueName("after-502")
	resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{"name": name, "type": "MachineToMachine"})
	body := wantError(t, resp, http.StatusBadGateway, "request.general", "Request error occurred.")
	if len(body) != 2 {
		t.Errorf("body = %s, want only code and message", resp.body)
	}
	if resp.header.Get("Retry-After") != "3" {
		t.Errorf("Retry-After = %q", resp.header.Get("Retry-After"))
	}
	if found := tg.applicationsNamed(t, name); len(found) != 1 {
		t.Errorf("applications named %s after the 502: %s", name, jsonString(found))
	}

	// A 500 replaces the answer with Logto's body for unexpected errors, and a changed object
	// stays changed.
	app := tg.createApplication(t, map[string]any{"name": uniqueName("after-500"), "type": "SPA"})
	path := "/api/applications/" + str(app["id"])
	tg.emu.InjectFault(emulator.Fault{Method: http.MethodPatch, Route: "/api/applications/{id}", Status: http.StatusInternalServerError, After: true, Times: 1})
	resp = tg.request(t, http.MethodPatch, path, map[string]any{"description": "changed anyway"})
	wantStatus(t, resp, http.StatusInternalServerError)
	if string(resp.body) != `{"message":"Internal server error."}` {
		t.Errorf("500 body = %s", resp.body)
	}
	if got := tg.request(t, http.MethodGet, path, nil).object(t)["description"]; got != "changed anyway" {
		t.Errorf("description = %v, want the PATCH applied", got)
	}
	wantApplied(t, tg.emu, map[string]int{"after status 502": 1, "after status 500": 1})
}

func TestFault_afterDelay(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	tg.accessToken(t)

	// With neither Drop nor Status, the real answer comes after the delay, headers included.
	tg.emu.InjectFault(emulator.Fault{Method: http.MethodPost, Route: "/api/applications", Delay: time.Millisecond, After: true, Times: 1})
	name := uniqueName("delayed")
	resp := tg.request(t, http.MethodPost, "/api/applications", map[string]any{"name": name, "type": "SPA"})
	wantStatus(t, resp, http.StatusOK)
	app := resp.object(t)
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/applications/"+str(app["id"])) })
	if app["name"] != name || resp.header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("delayed answer: %s %v", resp.body, resp.header)
	}

	// A client that gives up during the delay gets nothing, but the object was created.
	tg.emu.InjectFault(emulator.Fault{Method: http.MethodPost, Route: "/api/applications", Delay: time.Hour, After: true, Times: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	lost := uniqueName("timed-out")
	if _, err := tg.rawRequest(t, ctx, http.MethodPost, "/api/applications", map[string]any{"name": lost, "type": "SPA"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
	if found := tg.applicationsNamed(t, lost); len(found) != 1 {
		t.Errorf("applications named %s after the timeout: %s", lost, jsonString(found))
	}
	wantApplied(t, tg.emu, map[string]int{"after delay": 2})
}

func TestFault_afterNeedsTheHandler(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	tg.accessToken(t)
	tg.emu.InjectFault(emulator.Fault{Route: "", Status: http.StatusBadGateway, After: true, Times: 1})

	// Authentication fails: nothing happened, so the fault waits.
	wantError(t, tg.requestWithToken(t, "", http.MethodGet, "/api/applications", nil),
		http.StatusUnauthorized, "auth.authorization_header_missing", "")
	// Unmatched routes have no handler either.
	wantStatus(t, tg.request(t, http.MethodGet, "/api/nope", nil), http.StatusNotFound)
	wantApplied(t, tg.emu, map[string]int{})
	// The first request that reaches a handler gets the fault, then it is used up.
	wantError(t, tg.request(t, http.MethodGet, "/api/applications", nil), http.StatusBadGateway, "request.general", "")
	wantStatus(t, tg.request(t, http.MethodGet, "/api/applications", nil), http.StatusOK)
	wantApplied(t, tg.emu, map[string]int{"after status 502": 1})
}

func TestFault_oncePerRequest(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	tg.accessToken(t)
	// Injected first, but checked after the before phase.
	tg.emu.InjectFault(emulator.Fault{Route: "/api/applications", Status: http.StatusBadGateway, After: true, Times: 1})
	tg.emu.InjectFault(emulator.Fault{Route: "/api/applications", Delay: time.Millisecond, Times: 1})
	// The before delay applies; the after fault does not also apply to the same request.
	wantStatus(t, tg.request(t, http.MethodGet, "/api/applications", nil), http.StatusOK)
	wantApplied(t, tg.emu, map[string]int{"before delay": 1})
	// Control: the after fault was left for the next request.
	wantStatus(t, tg.request(t, http.MethodGet, "/api/applications", nil), http.StatusBadGateway)
	wantApplied(t, tg.emu, map[string]int{"before delay": 1, "after status 502": 1})
}

func TestFault_tokenEndpoint(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	form := url.Values{"grant_type": {"client_credentials"}, "resource": {tg.resource}, "scope": {"all"}}
	post := func() error {
		req, _ := http.NewRequest(http.MethodPost, tg.endpoint+"/oidc/token", bytes.NewReader([]byte(form.Encode())))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(tg.clientID, tg.clientSecret)
		resp, err := tg.client.Do(req)
		if err == nil {
			_ = resp.Body.Close()
		}
		return err
	}

	tg.emu.InjectFault(emulator.Fault{Method: http.MethodPost, Route: "/oidc/token", Drop: true, Times: 1})
	if err := post(); err == nil {
		t.Fatal("dropped token request succeeded")
	}
	if n := len(tg.emu.IssuedTokens()); n != 0 {
		t.Errorf("a drop before the handler issued %d tokens", n)
	}
	tg.emu.InjectFault(emulator.Fault{Method: http.MethodPost, Route: "/oidc/token", Drop: true, After: true, Times: 1})
	if err := post(); err == nil {
		t.Fatal("dropped token request succeeded")
	}
	issued := tg.emu.IssuedTokens()
	if len(issued) != 1 {
		t.Fatalf("a drop after the handler: %d tokens issued, want 1", len(issued))
	}
	// The lost token works: the handler issued it.
	wantStatus(t, tg.requestWithToken(t, issued[0], http.MethodGet, "/api/applications", nil), http.StatusOK)

	tg.emu.InjectFault(emulator.Fault{Method: http.MethodPost, Route: "/oidc/token", Status: http.StatusServiceUnavailable, After: true, Times: 1})
	resp := tg.tokenRequest(t, form, tg.clientID, tg.clientSecret)
	wantError(t, resp, http.StatusServiceUnavailable, "request.general", "")
	if resp.header.Get("Cache-Control") != "" {
		t.Errorf("the replaced answer kept the handler's headers: %v", resp.header)
	}
	if n := len(tg.emu.IssuedTokens()); n != 2 {
		t.Errorf("%d tokens issued, want 2", n)
	}
	wantApplied(t, tg.emu, map[string]int{"before drop": 1, "after drop": 1, "after status 503": 1})
}

// appliedSequence sends n requests to GET /api/status and records which ones the fault hit.
func appliedSequence(t *testing.T, tg *target, n int) []bool {
	t.Helper()
	out := make([]bool, n)
	for i := range out {
		resp := tg.requestWithToken(t, "", http.MethodGet, "/api/status", nil)
		switch resp.status {
		case http.StatusServiceUnavailable:
			out[i] = true
		case http.StatusNoContent:
		default:
			t.Fatalf("request %d: status %d", i, resp.status)
		}
	}
	return out
}

func countTrue(list []bool) int {
	n := 0
	for _, b := range list {
		if b {
			n++
		}
	}
	return n
}

func TestFault_probabilitySeeded(t *testing.T) {
	t.Parallel()
	const requests = 1000
	fault := emulator.Fault{Route: "/api/status", Status: http.StatusServiceUnavailable, Probability: 0.3}
	run := func(seed uint64) ([]bool, *target) {
		tg := emulatorTarget(t)
		tg.emu.SeedFaults(seed)
		tg.emu.InjectFault(fault)
		return appliedSequence(t, tg, requests), tg
	}
	first, tg := run(42)
	second, _ := run(42)
	if jsonString(first) != jsonString(second) {
		t.Error("two servers seeded alike applied the fault to different requests")
	}
	// Control: another seed gives another sequence, so the comparison above can fail.
	if other, _ := run(43); jsonString(other) == jsonString(first) {
		t.Error("seeds 42 and 43 gave the same sequence")
	}
	hits := countTrue(first)
	if hits < 200 || hits > 400 {
		t.Errorf("fault applied to %d of %d requests, want about 30%%", hits, requests)
	}
	wantApplied(t, tg.emu, map[string]int{"before status 503": hits})

	// Probability 0 and 1 both mean every matching request.
	for _, p := range []float64{0, 1} {
		always := emulatorTarget(t)
		always.emu.InjectFault(emulator.Fault{Route: "/api/status", Status: http.StatusServiceUnavailable, Probability: p})
		if got := countTrue(appliedSequence(t, always, 20)); got != 20 {
			t.Errorf("Probability %v: applied to %d of 20 requests", p, got)
		}
	}
}

func TestFault_probabilityTimesAndFallThrough(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	tg.emu.SeedFaults(7)
	tg.emu.InjectFault(emulator.Fault{Route: "/api/status", Status: http.StatusServiceUnavailable, Probability: 0.5, Times: 5})
	seq := appliedSequence(t, tg, 200)
	// Times counts only the requests the fault applied to: exactly 5, and none after the fifth.
	if got := countTrue(seq); got != 5 {
		t.Errorf("fault applied %d times, want 5", got)
	}
	last := -1
	for i, hit := range seq {
		if hit {
			last = i
		}
	}
	// Some draws failed before the fifth success (the probability was used), and the fault was
	// gone long before the end.
	if last <= 4 || last >= 100 {
		t.Errorf("fifth application at request %d, want between 5 and 99", last)
	}
	wantApplied(t, tg.emu, map[string]int{"before status 503": 5})

	// A failed draw lets the next matching fault apply.
	fall := emulatorTarget(t)
	fall.emu.SeedFaults(7)
	fall.emu.InjectFault(emulator.Fault{Route: "/api/status", Status: http.StatusServiceUnavailable, Probability: 0.5})
	fall.emu.InjectFault(emulator.Fault{Route: "/api/status", Status: http.StatusTooManyRequests})
	counts := map[int]int{}
	for range 100 {
		counts[fall.requestWithToken(t, "", http.MethodGet, "/api/status", nil).status]++
	}
	if counts[http.StatusServiceUnavailable] == 0 || counts[http.StatusTooManyRequests] == 0 ||
		counts[http.StatusServiceUnavailable]+counts[http.StatusTooManyRequests] != 100 {
		t.Errorf("statuses = %v, want only 503 and 429, both", counts)
	}
	wantApplied(t, fall.emu, map[string]int{
		"before status 503": counts[http.StatusServiceUnavailable],
		"before status 429": counts[http.StatusTooManyRequests],
	})
}

func TestFault_appliedIsACopy(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	tg.emu.InjectFault(emulator.Fault{Route: "/api/status", Status: http.StatusServiceUnavailable, Times: 1})
	wantStatus(t, tg.requestWithToken(t, "", http.MethodGet, "/api/status", nil), http.StatusServiceUnavailable)
	tg.emu.FaultsApplied()["before status 503"] = 99
	tg.emu.ClearFaults()
	wantApplied(t, tg.emu, map[string]int{"before status 503": 1})
}
