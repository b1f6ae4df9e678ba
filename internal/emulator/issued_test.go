package emulator_test

import (
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// Emulator-only tests of IssuedTokens and SecretValues, which log tests use to look for every
// token and secret in the logs.

func TestEmulator_issuedTokens(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	tg := emulatorTarget(t, func(o *emulator.Options) { o.Now = clock; o.TokenTTL = time.Minute })
	if got := tg.emu.IssuedTokens(); len(got) != 0 {
		t.Fatalf("IssuedTokens before any request = %v", got)
	}

	expired := tg.fetchToken(t)
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	revoked := tg.fetchToken(t)
	tg.emu.RevokeTokens()
	fresh := tg.fetchToken(t)
	// A refused token request issues nothing.
	wantStatus(t, tg.tokenRequest(t, url.Values{"grant_type": {"client_credentials"}, "resource": {tg.resource}, "scope": {"all"}},
		tg.clientID, "wrong"), http.StatusUnauthorized)

	// Control: the three tokens are in the three states the list must cover.
	wantStatus(t, tg.requestWithToken(t, expired, http.MethodGet, "/api/applications", nil), http.StatusUnauthorized)
	wantStatus(t, tg.requestWithToken(t, revoked, http.MethodGet, "/api/applications", nil), http.StatusUnauthorized)
	wantStatus(t, tg.requestWithToken(t, fresh, http.MethodGet, "/api/applications", nil), http.StatusOK)

	got := tg.emu.IssuedTokens()
	if want := []string{expired, revoked, fresh}; !slices.Equal(got, want) {
		t.Errorf("IssuedTokens = %v, want %v", got, want)
	}
	got[0] = "changed"
	if tg.emu.IssuedTokens()[0] != expired {
		t.Error("IssuedTokens did not return a copy")
	}
}

func TestEmulator_secretValues(t *testing.T) {
	t.Parallel()
	if realLogto() {
		t.Skip("emulator-only test")
	}
	opts := emulator.Options{ClientID: "secrets-client", ClientSecret: "secrets-client-secret",
		StateFile: filepath.Join(t.TempDir(), "state.json")}
	tg := newTargetFrom(t, opts)
	values := func(appID string) []string {
		t.Helper()
		resp := tg.request(t, http.MethodGet, "/api/applications/"+appID+"/secrets", nil)
		wantStatus(t, resp, http.StatusOK)
		var out []string
		for _, item := range resp.list(t) {
			out = append(out, str(field(item, "value")))
		}
		return out
	}

	kept := tg.createApplication(t, map[string]any{"name": uniqueName("kept"), "type": "MachineToMachine"})
	keptID := str(kept["id"])
	wantStatus(t, tg.request(t, http.MethodPost, "/api/applications/"+keptID+"/secrets", map[string]any{"name": "renamed"}), http.StatusCreated)
	wantStatus(t, tg.request(t, http.MethodPatch, "/api/applications/"+keptID+"/secrets/renamed", map[string]any{"name": "new name"}), http.StatusOK)
	wantStatus(t, tg.request(t, http.MethodPost, "/api/applications/"+keptID+"/secrets", map[string]any{"name": "deleted"}), http.StatusCreated)
	all := values(keptID)
	if len(all) != 3 {
		t.Fatalf("secrets = %v", all)
	}
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/applications/"+keptID+"/secrets/deleted", nil), http.StatusNoContent)

	gone := tg.createApplication(t, map[string]any{"name": uniqueName("gone"), "type": "Traditional"})
	goneValues := values(str(gone["id"]))
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/applications/"+str(gone["id"]), nil), http.StatusNoContent)
	all = append(all, goneValues...)
	// SPA applications have no secrets.
	tg.createApplication(t, map[string]any{"name": uniqueName("spa"), "type": "SPA"})

	// Control: only the two secrets of the kept application are still held.
	if held := values(keptID); len(held) != 2 {
		t.Fatalf("held secrets = %v", held)
	}
	if got := tg.emu.SecretValues(); !slices.Equal(got, all) {
		t.Errorf("SecretValues = %v, want %v (creation order, deleted ones included)", got, all)
	}
	if slices.Contains(tg.emu.SecretValues(), opts.ClientSecret) {
		t.Error("SecretValues lists the configured client secret")
	}

	// A server that loads the state file remembers the secrets it loaded, even once deleted.
	reloaded := newTargetFrom(t, opts)
	held := reloaded.emu.SecretValues()
	if len(held) != 2 || !slices.Contains(all, held[0]) || !slices.Contains(all, held[1]) {
		t.Fatalf("SecretValues after loading = %v", held)
	}
	wantStatus(t, reloaded.request(t, http.MethodDelete, "/api/applications/"+keptID, nil), http.StatusNoContent)
	if got := reloaded.emu.SecretValues(); !slices.Equal(got, held) {
		t.Errorf("SecretValues after deleting the loaded application = %v, want %v", got, held)
	}
}
