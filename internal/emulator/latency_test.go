package emulator_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// TestLatency_delaysEveryRequest checks that Options.Latency is slept before a request is served
// (a lower bound only: no upper bound is asserted), and that a client that gives up during the
// wait gets nothing done: an impatient DELETE leaves the application in place. The positive
// control is the same DELETE from a patient client, which deletes it.
func TestLatency_delaysEveryRequest(t *testing.T) {
	const latency = 200 * time.Millisecond
	emu, err := emulator.New(emulator.Options{ClientID: "id", ClientSecret: "secret", Latency: latency})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	defer srv.Close()

	do := func(ctx context.Context, method, path, contentType, body, bearer string) (int, []byte, error) {
		req, err := http.NewRequestWithContext(ctx, method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		} else {
			req.SetBasicAuth("id", "secret")
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, b, err
	}
	ctx := context.Background()

	start := time.Now()
	form := url.Values{"grant_type": {"client_credentials"}, "resource": {emulator.DefaultResource}, "scope": {"all"}}
	status, body, err := do(ctx, http.MethodPost, "/oidc/token", "application/x-www-form-urlencoded", form.Encode(), "")
	if err != nil || status != http.StatusOK {
		t.Fatalf("token: %d %s %v", status, body, err)
	}
	if elapsed := time.Since(start); elapsed < latency {
		t.Errorf("the token request was answered after %s, before the latency of %s", elapsed, latency)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(body, &tok); err != nil {
		t.Fatal(err)
	}
	status, body, err = do(ctx, http.MethodPost, "/api/applications", "application/json", `{"name":"latency","type":"MachineToMachine"}`, tok.AccessToken)
	if err != nil || status != http.StatusOK {
		t.Fatalf("create: %d %s %v", status, body, err)
	}
	var app struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &app); err != nil {
		t.Fatal(err)
	}

	impatient, cancel := context.WithTimeout(ctx, latency/10)
	defer cancel()
	if _, _, err := do(impatient, http.MethodDelete, "/api/applications/"+app.ID, "", "", tok.AccessToken); err == nil {
		t.Fatal("a client that gave up during the latency got an answer")
	}
	// Give the server the rest of the latency, to be sure it did not go on.
	time.Sleep(2 * latency)
	if n := len(emu.Applications()); n != 1 {
		t.Errorf("%d applications after a DELETE abandoned during the latency, want 1", n)
	}
	if got := emu.Requests("DELETE /api/applications/{id}"); got != 1 {
		t.Errorf("DELETE counted %d times, want 1 (abandoned requests count)", got)
	}

	status, body, err = do(ctx, http.MethodDelete, "/api/applications/"+app.ID, "", "", tok.AccessToken)
	if err != nil || status != http.StatusNoContent {
		t.Fatalf("patient delete: %d %s %v", status, body, err)
	}
	if n := len(emu.Applications()); n != 0 {
		t.Errorf("%d applications after a patient DELETE, want 0 (positive control)", n)
	}
}
