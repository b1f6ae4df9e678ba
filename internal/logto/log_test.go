package logto

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestLogs_NeverContainSecrets(t *testing.T) {
	const secretValue = "SYsu0yroEzYtLSGLK2LK0qYPVJ0bW8JV"
	var mu sync.Mutex
	seen := 0
	f := newFakeLogto(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen++
		first := seen == 1
		mu.Unlock()
		if first { // force a 401 → token refresh → retry
			writeJSON(w, http.StatusUnauthorized, `{"code":"auth.unauthorized","message":"Unauthorized."}`)
			return
		}
		writeJSON(w, http.StatusOK, `[{"applicationId":"a1","name":"Default secret","value":"`+secretValue+`","createdAt":1,"expiresAt":null}]`)
	})
	c := f.client(t)

	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &buf)
	secrets, err := c.ListApplicationSecrets(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if len(secrets) != 1 || secrets[0].Value != secretValue {
		t.Fatalf("secrets = %+v", secrets)
	}
	// An error answer is logged as a status only.
	f.setAPI(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusBadRequest, `{"code":"x","message":"value `+secretValue+`"}`)
	})
	_ = c.doOnce(ctx, http.MethodPost, "/api/applications/a1/secrets", map[string]string{"name": secretValue}, nil)

	logs := buf.String()
	basic := base64.StdEncoding.EncodeToString([]byte(testClientID + ":" + testClientSecret))
	for name, s := range map[string]string{
		"client secret": testClientSecret, "access token 1": "access-token-1", "access token 2": "access-token-2",
		"secret value": secretValue, "basic credentials": basic, "authorization header": "Bearer",
	} {
		if strings.Contains(logs, s) {
			t.Errorf("logs contain the %s", name)
		}
	}
	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var apiLines, tokenLines int
	for _, e := range entries {
		if e["@message"] != "Logto API request" {
			continue
		}
		switch e["api_path"] {
		case "/api/applications/a1/secrets":
			apiLines++
			if e["api_method"] == nil || e["api_attempt"] == nil || e["api_duration_ms"] == nil || e["api_status"] == nil {
				t.Errorf("incomplete log entry: %v", e)
			}
		case "/oidc/token":
			tokenLines++
		}
	}
	if apiLines != 3 || tokenLines != 2 {
		t.Errorf("logged %d API and %d token attempts, want 3 and 2:\n%s", apiLines, tokenLines, logs)
	}
}
