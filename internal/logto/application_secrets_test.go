package logto

import (
	"net/http"
	"testing"
)

const sampleSecret = `{"tenantId":"default","applicationId":"xgn9jw6ttfkm5wrrxl62n","name":"ci-secret",
"value":"OEFlIrmZHbI5XwdVoadYweUcjphF6dTd","createdAt":1795272484533,"expiresAt":1797864484526}`

func checkSampleSecret(t *testing.T, s *ApplicationSecret) {
	t.Helper()
	if s.ApplicationID != "xgn9jw6ttfkm5wrrxl62n" || s.Name != "ci-secret" || s.Value != "OEFlIrmZHbI5XwdVoadYweUcjphF6dTd" ||
		s.CreatedAt != 1795272484533 || s.ExpiresAt == nil || *s.ExpiresAt != 1797864484526 {
		t.Errorf("secret = %+v", s)
	}
}

func TestListApplicationSecrets(t *testing.T) {
	f := newFakeLogto(t, expectRequest(t, http.MethodGet, "/api/applications/xgn9jw6ttfkm5wrrxl62n/secrets", "", http.StatusOK,
		`[{"applicationId":"xgn9jw6ttfkm5wrrxl62n","name":"Default secret","value":"v","createdAt":1,"expiresAt":null},`+sampleSecret+`]`))
	secrets, err := f.client(t).ListApplicationSecrets(t.Context(), "xgn9jw6ttfkm5wrrxl62n")
	if err != nil {
		t.Fatal(err)
	}
	if len(secrets) != 2 || secrets[0].Name != DefaultSecretName || secrets[0].ExpiresAt != nil {
		t.Fatalf("secrets = %+v", secrets)
	}
	checkSampleSecret(t, &secrets[1])
}

func TestCreateApplicationSecret(t *testing.T) {
	f := newFakeLogto(t, expectRequest(t, http.MethodPost, "/api/applications/xgn9jw6ttfkm5wrrxl62n/secrets",
		`{"name":"ci-secret","expiresAt":1797864484526}`, http.StatusCreated, sampleSecret))
	exp := int64(1797864484526)
	s, err := f.client(t).CreateApplicationSecret(t.Context(), "xgn9jw6ttfkm5wrrxl62n", ApplicationSecretCreate{Name: "ci-secret", ExpiresAt: &exp})
	if err != nil {
		t.Fatal(err)
	}
	checkSampleSecret(t, s)
}

func TestCreateApplicationSecret_WithoutExpiry(t *testing.T) {
	f := newFakeLogto(t, expectRequest(t, http.MethodPost, "/api/applications/a1/secrets",
		`{"name":"forever"}`, http.StatusCreated, `{"applicationId":"a1","name":"forever","value":"v","createdAt":1,"expiresAt":null}`))
	s, err := f.client(t).CreateApplicationSecret(t.Context(), "a1", ApplicationSecretCreate{Name: "forever"})
	if err != nil {
		t.Fatal(err)
	}
	if s.ExpiresAt != nil || s.Name != "forever" {
		t.Errorf("secret = %+v", s)
	}
}

func TestRenameApplicationSecret(t *testing.T) {
	f := newFakeLogto(t, expectRequest(t, http.MethodPatch, "/api/applications/xgn9jw6ttfkm5wrrxl62n/secrets/old name",
		`{"name":"ci-secret"}`, http.StatusOK, sampleSecret))
	s, err := f.client(t).RenameApplicationSecret(t.Context(), "xgn9jw6ttfkm5wrrxl62n", "old name", "ci-secret")
	if err != nil {
		t.Fatal(err)
	}
	checkSampleSecret(t, s)
}

func TestDeleteApplicationSecret(t *testing.T) {
	f := newFakeLogto(t, expectRequest(t, http.MethodDelete, "/api/applications/xgn9jw6ttfkm5wrrxl62n/secrets/ci-secret", "", http.StatusNoContent, ""))
	if err := f.client(t).DeleteApplicationSecret(t.Context(), "xgn9jw6ttfkm5wrrxl62n", "ci-secret"); err != nil {
		t.Fatal(err)
	}
}

func TestApplicationSecret_Errors(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusUnprocessableEntity, `{"code":"application.secret_name_exists","message":"Secret name already exists."}`)
	})
	_, err := f.client(t).CreateApplicationSecret(t.Context(), "a1", ApplicationSecretCreate{Name: "dup"})
	if e, ok := AsError(err); !ok || e.StatusCode != 422 || e.Code != "application.secret_name_exists" {
		t.Errorf("error = %v", err)
	}
	if f.apiCalls.Load() != 1 {
		t.Errorf("requests = %d, want 1", f.apiCalls.Load())
	}
}
