package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// Emulator-only tests of the state file and the out-of-band (drift) helpers.

func TestEmulator_stateFileRoundTrip(t *testing.T) {
	t.Parallel()
	if realLogto() {
		t.Skip("emulator-only test")
	}
	dir := t.TempDir()
	stateFile := filepath.Join(dir, "state.json")
	opts := emulator.Options{ClientID: "state-client", ClientSecret: "state-secret", StateFile: stateFile}

	first := newTargetFrom(t, opts)
	app := first.createApplication(t, map[string]any{"name": uniqueName("state"), "type": "Traditional",
		"customData": map[string]any{"k": "v"}})
	id := str(app["id"])
	wantStatus(t, first.request(t, http.MethodPost, "/api/applications/"+id+"/secrets", map[string]any{"name": "extra"}), http.StatusCreated)
	wantStatus(t, first.request(t, http.MethodPatch, "/api/applications/"+id, map[string]any{"isAdmin": true}), http.StatusOK)

	raw, err := os.ReadFile(stateFile)
	if err != nil {
		t.Fatalf("state file not written: %v", err)
	}
	if !json.Valid(raw) || !strings.Contains(string(raw), id) {
		t.Fatalf("state file does not hold the application: %s", raw)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if info, err := os.Stat(stateFile); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("state file mode = %v, %v", info.Mode(), err)
	}

	second := newTargetFrom(t, opts)
	got := second.request(t, http.MethodGet, "/api/applications/"+id, nil)
	wantStatus(t, got, http.StatusOK)
	reloaded := got.object(t)
	if reloaded["name"] != app["name"] || reloaded["createdAt"] != app["createdAt"] || reloaded["isAdmin"] != true ||
		jsonString(reloaded["customData"]) != `{"k":"v"}` {
		t.Errorf("reloaded application = %s, created %s", got.body, jsonString(app))
	}
	secrets := second.request(t, http.MethodGet, "/api/applications/"+id+"/secrets", nil).list(t)
	if len(secrets) != 2 || field(secrets[1], "name") != "extra" {
		t.Errorf("reloaded secrets = %s", jsonString(secrets))
	}

	// Deleting through the second server is persisted too.
	wantStatus(t, second.request(t, http.MethodDelete, "/api/applications/"+id, nil), http.StatusNoContent)
	third := newTargetFrom(t, opts)
	wantStatus(t, third.request(t, http.MethodGet, "/api/applications/"+id, nil), http.StatusNotFound)
}

func TestEmulator_stateFileCorrupt(t *testing.T) {
	t.Parallel()
	stateFile := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(stateFile, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := emulator.New(emulator.Options{ClientID: "a", ClientSecret: "b", StateFile: stateFile}); err == nil {
		t.Error("New accepted a corrupt state file")
	}
}

// newTargetFrom starts an emulator with exactly these options.
func newTargetFrom(t *testing.T, opts emulator.Options) *target {
	t.Helper()
	emu, err := emulator.New(opts)
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return &target{endpoint: srv.URL, clientID: opts.ClientID, clientSecret: opts.ClientSecret,
		resource: emulator.DefaultResource, emu: emu, client: srv.Client()}
}

func TestEmulator_driftHelpers(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	app := tg.createApplication(t, map[string]any{"name": uniqueName("drift"), "type": "Traditional"})
	id := str(app["id"])
	tg.emu.ResetRequestCounts()

	got, ok := tg.emu.Application(id)
	if !ok || got.Name != app["name"] || got.Type != "Traditional" {
		t.Fatalf("Application(%s) = %+v, %v", id, got, ok)
	}
	got.Name = "changed locally" // a copy
	if again, _ := tg.emu.Application(id); again.Name == "changed locally" {
		t.Error("Application returned shared memory")
	}
	if _, ok := tg.emu.Application("missing"); ok {
		t.Error("Application(missing) found something")
	}

	err := tg.emu.UpdateApplication(id, func(a *emulator.Application) {
		a.Name = "changed behind terraform"
		a.OIDCClientMetadata.RedirectURIs = []string{"https://drift.example.com/cb"}
		a.CustomData = emulator.JSONObject{"drift": true}
		a.ID = "cannot-change"
	})
	if err != nil {
		t.Fatal(err)
	}
	resp := tg.request(t, http.MethodGet, "/api/applications/"+id, nil)
	wantStatus(t, resp, http.StatusOK)
	body := resp.object(t)
	if body["name"] != "changed behind terraform" || body["id"] != id ||
		jsonString(field(body, "oidcClientMetadata", "redirectUris")) != `["https://drift.example.com/cb"]` ||
		jsonString(body["customData"]) != `{"drift":true}` {
		t.Errorf("after UpdateApplication: %s", resp.body)
	}
	if err := tg.emu.UpdateApplication("missing", func(*emulator.Application) {}); err == nil {
		t.Error("UpdateApplication(missing) succeeded")
	}
	// The helpers themselves are not requests.
	if n := tg.emu.Requests("GET /api/applications/{id}"); n != 1 {
		t.Errorf("Requests = %d, want 1 (only the HTTP GET)", n)
	}

	if err := tg.emu.DeleteApplication(id); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, tg.request(t, http.MethodGet, "/api/applications/"+id, nil), http.StatusNotFound)
	wantStatus(t, tg.request(t, http.MethodGet, "/api/applications/"+id+"/secrets", nil), http.StatusNotFound)
	if err := tg.emu.DeleteApplication(id); err == nil {
		t.Error("DeleteApplication twice succeeded")
	}
}
