package emulator_test

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// nestedKeyOrder returns the keys of the object at key of a JSON object answer, in the order
// they were sent.
func nestedKeyOrder(t *testing.T, raw []byte, key string) string {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatalf("not a JSON object: %v: %s", err, raw)
	}
	return strings.Join(keyOrder(t, top[key]), ",")
}

// PATCH /api/applications/{id} with protectedAppMetadata. Logto 1.42 merges the given keys into
// the stored metadata and answers the application as it is after the update, whether or not
// other fields came along. (Before 1.40 a PATCH carrying only protectedAppMetadata answered the
// row as it was before the update; logto-io/logto#8889 changed that.) Against a real Logto this
// needs a protected-app provider (Logto Cloud): set LOGTO_PROTECTED_APPS=1.
func TestApplications_protectedPatchAnswersUpdatedRow(t *testing.T) {
	t.Parallel()
	if realLogto() && os.Getenv("LOGTO_PROTECTED_APPS") != "1" {
		t.Skip("set LOGTO_PROTECTED_APPS=1 when this Logto can create Protected apps")
	}
	tg := newTarget(t, func(o *emulator.Options) { o.ProtectedAppDomain = "protected.example.net" })
	name := uniqueName("prot-patch")
	app := tg.createApplication(t, map[string]any{"name": name, "type": "Protected",
		"protectedAppMetadata": map[string]any{"subDomain": "tfacc-" + randomHex(4), "origin": "https://origin.example.com"}})
	path := "/api/applications/" + str(app["id"])
	host := field(app, "protectedAppMetadata", "host")

	// Only protectedAppMetadata.
	resp := tg.request(t, http.MethodPatch, path, map[string]any{
		"protectedAppMetadata": map[string]any{"origin": "https://moved.example.com", "sessionDuration": 3600}})
	wantStatus(t, resp, http.StatusOK)
	answer := resp.object(t)
	meta := answer["protectedAppMetadata"]
	if field(meta, "origin") != "https://moved.example.com" || field(meta, "sessionDuration") != float64(3600) {
		t.Errorf("answer's protectedAppMetadata = %s, want the updated origin and sessionDuration", jsonString(meta))
	}
	if field(meta, "host") != host || jsonString(field(meta, "pageRules")) != "[]" || answer["name"] != name {
		t.Errorf("keys not given were not kept: %s", resp.body)
	}
	// protectedAppMetadata is a guarded object: Logto's response guard writes it in the guard's
	// key order, not in jsonb order.
	if got := nestedKeyOrder(t, resp.body, "protectedAppMetadata"); got != "host,origin,sessionDuration,pageRules,additionalScopes" {
		t.Errorf("protectedAppMetadata keys = %s", got)
	}
	stored := tg.request(t, http.MethodGet, path, nil)
	wantStatus(t, stored, http.StatusOK)
	if got := jsonString(stored.object(t)["protectedAppMetadata"]); got != jsonString(meta) {
		t.Errorf("stored protectedAppMetadata = %s, answered %s", got, jsonString(meta))
	}

	// protectedAppMetadata with another field: the answer has both changes.
	renamed := name + "-renamed"
	resp = tg.request(t, http.MethodPatch, path, map[string]any{"name": renamed,
		"protectedAppMetadata": map[string]any{"pageRules": []any{map[string]any{"path": "^/private"}}}})
	wantStatus(t, resp, http.StatusOK)
	answer = resp.object(t)
	meta = answer["protectedAppMetadata"]
	if answer["name"] != renamed || jsonString(field(meta, "pageRules")) != `[{"path":"^/private"}]` ||
		field(meta, "origin") != "https://moved.example.com" {
		t.Errorf("answer = %s, want the new name, the new page rules and the origin kept", resp.body)
	}
	stored = tg.request(t, http.MethodGet, path, nil)
	if got := stored.object(t); got["name"] != renamed || jsonString(got["protectedAppMetadata"]) != jsonString(meta) {
		t.Errorf("stored = %s, answered %s", stored.body, resp.body)
	}
}
