package emulator_test

import (
	"encoding/json"
	"net/http"
	"testing"
)

// rawField returns the JSON text of key in a JSON object answer, as sent.
func rawField(t *testing.T, raw []byte, key string) string {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatalf("not a JSON object: %v: %s", err, raw)
	}
	return string(top[key])
}

// customData is answered as Logto reads it back from its jsonb column into JavaScript:
// array-index keys first in numeric order, then keys shorter first and bytewise, at every depth;
// numbers as JavaScript prints the doubles it parsed (big integers rounded, 1.50 as 1.5).
func TestApplications_customDataJSONBOrder(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	const sent = `{"zeta":{"yy":[{"bb":1,"a":2}],"x":true},"10":"ten","b":1.50,"2":"two",` +
		`"big":12345678901234567890,"aa":{"c":{"ddd":1,"d":2}},"neg":-0,"exp":1e21,"tiny":1e-7,"007":"no index"}`
	const want = `{"2":"two","10":"ten","b":1.5,"aa":{"c":{"d":2,"ddd":1}},"007":"no index",` +
		`"big":12345678901234567000,"exp":1e+21,"neg":0,"tiny":1e-7,"zeta":{"x":true,"yy":[{"a":2,"bb":1}]}}`
	resp := tg.request(t, http.MethodPost, "/api/applications",
		`{"name":"`+uniqueName("jsonb")+`","type":"SPA","customData":`+sent+`}`)
	wantStatus(t, resp, http.StatusOK)
	id := str(resp.object(t)["id"])
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/applications/"+id) })
	if got := rawField(t, resp.body, "customData"); got != want {
		t.Errorf("create answer customData\n got  %s\n want %s", got, want)
	}
	path := "/api/applications/" + id
	if got := rawField(t, tg.request(t, http.MethodGet, path, nil).body, "customData"); got != want {
		t.Errorf("GET customData\n got  %s\n want %s", got, want)
	}

	// The merge endpoint answers the merged object in the same order.
	merged := tg.request(t, http.MethodPatch, path+"/custom-data", `{"a":1,"1":{"kk":0.10,"k":[]},"zeta":null}`)
	wantStatus(t, merged, http.StatusOK)
	const wantMerged = `{"1":{"k":[],"kk":0.1},"2":"two","10":"ten","a":1,"b":1.5,"aa":{"c":{"d":2,"ddd":1}},"007":"no index",` +
		`"big":12345678901234567000,"exp":1e+21,"neg":0,"tiny":1e-7,"zeta":null}`
	if string(merged.body) != wantMerged {
		t.Errorf("merged customData\n got  %s\n want %s", merged.body, wantMerged)
	}

	// PATCH replaces it; the answer follows the same rules.
	patched := tg.request(t, http.MethodPatch, path, `{"customData":{"ccc":3,"bb":2,"a":{"zz":1,"y":2}}}`)
	wantStatus(t, patched, http.StatusOK)
	if got := rawField(t, patched.body, "customData"); got != `{"a":{"y":2,"zz":1},"bb":2,"ccc":3}` {
		t.Errorf("PATCH answer customData = %s", got)
	}
}
