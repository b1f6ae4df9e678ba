package emulator_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var secretValue = regexp.MustCompile(`^[0-9A-Za-z]{32}$`)

const secretKeys = "tenantId,applicationId,name,value,createdAt,expiresAt"

func TestApplicationSecrets_defaultSecret(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	for _, appType := range []string{"Traditional", "MachineToMachine", "SPA", "Native"} {
		t.Run(appType, func(t *testing.T) {
			t.Parallel()
			app := tg.createApplication(t, map[string]any{"name": uniqueName("secret"), "type": appType})
			resp := tg.request(t, http.MethodGet, "/api/applications/"+str(app["id"])+"/secrets", nil)
			wantStatus(t, resp, http.StatusOK)
			list := resp.list(t)
			if appType == "SPA" || appType == "Native" {
				if len(list) != 0 {
					t.Errorf("secrets of %s = %s, want []", appType, resp.body)
				}
				return
			}
			if len(list) != 1 {
				t.Fatalf("secrets = %s, want the default secret only", resp.body)
			}
			secret, _ := list[0].(map[string]any)
			if secret["name"] != "Default secret" || secret["applicationId"] != app["id"] || secret["expiresAt"] != nil {
				t.Errorf("default secret = %s", jsonString(secret))
			}
			if value, _ := secret["value"].(string); !secretValue.MatchString(value) {
				t.Errorf("value = %q, want 32 letters and digits", value)
			}
		})
	}
}

func TestApplicationSecrets_rejectedForSPA(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	app := tg.createApplication(t, map[string]any{"name": uniqueName("spa"), "type": "SPA"})
	resp := tg.request(t, http.MethodPost, "/api/applications/"+str(app["id"])+"/secrets", map[string]any{"name": "nope"})
	wantError(t, resp, http.StatusUnprocessableEntity, "entity.db_constraint_violated", "Database constraint violated.")
}

func TestApplicationSecrets_lifecycle(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	app := tg.createApplication(t, map[string]any{"name": uniqueName("secrets"), "type": "Traditional"})
	base := "/api/applications/" + str(app["id"])

	expiresAt := time.Now().Add(30 * 24 * time.Hour).UnixMilli()
	resp := tg.request(t, http.MethodPost, base+"/secrets", map[string]any{"name": "ci-secret", "expiresAt": expiresAt})
	wantStatus(t, resp, http.StatusCreated)
	if keys := strings.Join(keyOrder(t, resp.body), ","); keys != secretKeys {
		t.Errorf("secret keys = %s", keys)
	}
	withExpiry := resp.object(t)
	if withExpiry["name"] != "ci-secret" || withExpiry["expiresAt"] != float64(expiresAt) || withExpiry["applicationId"] != app["id"] {
		t.Errorf("secret = %s", resp.body)
	}

	resp = tg.request(t, http.MethodPost, base+"/secrets", map[string]any{"name": "forever"})
	wantStatus(t, resp, http.StatusCreated)
	forever := resp.object(t)
	if forever["expiresAt"] != nil || !secretValue.MatchString(str(forever["value"])) {
		t.Errorf("secret = %s", resp.body)
	}

	wantError(t, tg.request(t, http.MethodPost, base+"/secrets", map[string]any{"name": "forever"}),
		http.StatusUnprocessableEntity, "application.secret_name_exists", "Secret name already exists.")
	wantError(t, tg.request(t, http.MethodPost, base+"/secrets", map[string]any{"name": "past", "expiresAt": time.Now().Add(-time.Minute).UnixMilli()}),
		http.StatusBadRequest, "request.invalid_input", "Input is invalid. The value of `expiresAt` must be in the future.")

	missingName := tg.request(t, http.MethodPost, base+"/secrets", map[string]any{})
	issues := wantIssues(t, missingName, "body")
	if got := jsonString(issues); got != `[{"code":"invalid_type","expected":"string","message":"Required","path":["name"],"received":"undefined"}]` {
		t.Errorf("issues = %s", got)
	}

	resp = tg.request(t, http.MethodPatch, base+"/secrets/forever", map[string]any{"name": "forever-renamed"})
	wantStatus(t, resp, http.StatusOK)
	if renamed := resp.object(t); renamed["name"] != "forever-renamed" || renamed["value"] != forever["value"] || renamed["createdAt"] != forever["createdAt"] {
		t.Errorf("renamed secret = %s", resp.body)
	}
	wantError(t, tg.request(t, http.MethodPatch, base+"/secrets/does-not-exist", map[string]any{"name": "x"}),
		http.StatusNotFound, "entity.not_exists", "The application_secret does not exist.")

	resp = tg.request(t, http.MethodGet, base+"/secrets", nil)
	wantStatus(t, resp, http.StatusOK)
	var names []string
	for _, item := range resp.list(t) {
		names = append(names, str(field(item, "name")))
	}
	if got := strings.Join(names, ","); got != "Default secret,ci-secret,forever-renamed" {
		t.Errorf("secret names = %s", got)
	}

	wantStatus(t, tg.request(t, http.MethodDelete, base+"/secrets/ci-secret", nil), http.StatusNoContent)
	wantError(t, tg.request(t, http.MethodDelete, base+"/secrets/ci-secret", nil),
		http.StatusNotFound, "entity.not_found", "The resource does not exist.")
	wantError(t, tg.request(t, http.MethodDelete, base+"/legacy-secret", nil),
		http.StatusBadRequest, "application.no_legacy_secret_found", "The application does not have a legacy secret.")
}

func TestApplicationSecrets_missingApplication(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	id := "tfacc-missing-" + randomHex(3)
	message := "The applications with ID `" + id + "` does not exist."
	wantError(t, tg.request(t, http.MethodGet, "/api/applications/"+id+"/secrets", nil),
		http.StatusNotFound, "entity.not_exists_with_id", message)
	wantError(t, tg.request(t, http.MethodPost, "/api/applications/"+id+"/secrets", map[string]any{"name": "x"}),
		http.StatusNotFound, "entity.not_exists_with_id", message)
	wantError(t, tg.request(t, http.MethodDelete, "/api/applications/"+id+"/secrets/x", nil),
		http.StatusNotFound, "entity.not_exists_with_id", message)
}
