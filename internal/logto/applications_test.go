package logto

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"testing"
)

const sampleApplication = `{"tenantId":"default","id":"z29y90s4ilg51o9yadb46","name":"tf-traditional-s1",
"description":"Traditional web app","type":"Traditional",
"oidcClientMetadata":{"redirectUris":["https://app.example.com/callback"],"postLogoutRedirectUris":["https://app.example.com/"],"logoUri":"https://app.example.com/logo.png"},
"customClientMetadata":{"refreshTokenTtlInDays":14,"alwaysIssueRefreshToken":false,"rotateRefreshToken":true},
"protectedAppMetadata":null,"customData":{"team":"platform","tier":1},"isThirdParty":false,
"appLevelAccessControlEnabled":false,"createdAt":1795272484158}`

// expectRequest checks a request's method, path and JSON body (wantBody ""
// means no body), then answers status with answer.
func expectRequest(t *testing.T, method, path, wantBody string, status int, answer string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != method || r.URL.Path != path {
			t.Errorf("request = %s %s, want %s %s", r.Method, r.URL.Path, method, path)
		}
		body, _ := io.ReadAll(r.Body)
		switch {
		case wantBody == "" && len(body) > 0:
			t.Errorf("unexpected body %s", body)
		case wantBody != "":
			if r.Header.Get("Content-Type") != "application/json" {
				t.Errorf("Content-Type = %q", r.Header.Get("Content-Type"))
			}
			if !jsonEqual(t, string(body), wantBody) {
				t.Errorf("body =\n%s\nwant\n%s", body, wantBody)
			}
		}
		if answer == "" {
			w.WriteHeader(status)
			return
		}
		writeJSON(w, status, answer)
	}
}

func checkSampleApplication(t *testing.T, app *Application) {
	t.Helper()
	if app.ID != "z29y90s4ilg51o9yadb46" || app.Name != "tf-traditional-s1" || app.Type != ApplicationTypeTraditional ||
		app.Description == nil || *app.Description != "Traditional web app" || app.CreatedAt != 1795272484158 {
		t.Errorf("application = %+v", app)
	}
	if !slices.Equal(app.OIDCClientMetadata.RedirectURIs, []string{"https://app.example.com/callback"}) ||
		string(app.OIDCClientMetadata.Extra["logoUri"]) != `"https://app.example.com/logo.png"` {
		t.Errorf("oidcClientMetadata = %+v", app.OIDCClientMetadata)
	}
	if m := app.CustomClientMetadata; m.RefreshTokenTTLInDays == nil || *m.RefreshTokenTTLInDays != 14 ||
		m.RotateRefreshToken == nil || !*m.RotateRefreshToken {
		t.Errorf("customClientMetadata = %+v", m)
	}
	if !jsonEqual(t, string(app.CustomData), `{"team":"platform","tier":1}`) {
		t.Errorf("customData = %s", app.CustomData)
	}
}

func TestCreateApplication(t *testing.T) {
	rotate, ttl := true, int64(14)
	f := newFakeLogto(t, expectRequest(t, http.MethodPost, "/api/applications",
		`{"name":"tf-traditional-s1","type":"Traditional","description":"Traditional web app",
		"oidcClientMetadata":{"redirectUris":["https://app.example.com/callback"],"postLogoutRedirectUris":[]},
		"customClientMetadata":{"rotateRefreshToken":true,"refreshTokenTtlInDays":14},
		"customData":{"team":"platform","tier":1}}`,
		http.StatusOK, sampleApplication))
	desc := "Traditional web app"
	app, err := f.client(t).CreateApplication(t.Context(), ApplicationCreate{
		Name:                 "tf-traditional-s1",
		Type:                 ApplicationTypeTraditional,
		Description:          &desc,
		OIDCClientMetadata:   &OIDCClientMetadata{RedirectURIs: []string{"https://app.example.com/callback"}},
		CustomClientMetadata: &CustomClientMetadata{RotateRefreshToken: &rotate, RefreshTokenTTLInDays: &ttl},
		CustomData:           json.RawMessage(`{"team":"platform","tier":1}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	checkSampleApplication(t, app)
}

func TestCreateApplication_Protected(t *testing.T) {
	f := newFakeLogto(t, expectRequest(t, http.MethodPost, "/api/applications",
		`{"name":"p","type":"Protected","protectedAppMetadata":{"subDomain":"my-app","origin":"https://origin.example.com"}}`,
		http.StatusOK, `{"id":"p1","name":"p","type":"Protected","oidcClientMetadata":{"redirectUris":[],"postLogoutRedirectUris":[]},
		"customClientMetadata":{},"protectedAppMetadata":{"host":"my-app.example.app","origin":"https://origin.example.com","sessionDuration":1209600,"pageRules":[]},
		"customData":{},"isThirdParty":false,"createdAt":1}`))
	app, err := f.client(t).CreateApplication(t.Context(), ApplicationCreate{
		Name: "p", Type: ApplicationTypeProtected,
		ProtectedAppMetadata: &ProtectedAppCreate{SubDomain: "my-app", Origin: "https://origin.example.com"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := app.ProtectedAppMetadata; p == nil || p.Host != "my-app.example.app" || p.SessionDuration != 1209600 || p.Extra["pageRules"] == nil {
		t.Errorf("protectedAppMetadata = %+v", app.ProtectedAppMetadata)
	}
}

func TestGetApplication(t *testing.T) {
	f := newFakeLogto(t, expectRequest(t, http.MethodGet, "/api/applications/z29y90s4ilg51o9yadb46", "", http.StatusOK, sampleApplication))
	app, err := f.client(t).GetApplication(t.Context(), "z29y90s4ilg51o9yadb46")
	if err != nil {
		t.Fatal(err)
	}
	checkSampleApplication(t, app)
}

func TestUpdateApplication(t *testing.T) {
	name := "renamed"
	tests := []struct {
		name  string
		patch ApplicationPatch
		want  string
	}{
		{"description null", ApplicationPatch{Description: NullableNull[string]()}, `{"description":null}`},
		{"description omitted", ApplicationPatch{Name: &name}, `{"name":"renamed"}`},
		{"description set", ApplicationPatch{Description: NullableValue("d")}, `{"description":"d"}`},
		{
			"whole metadata objects",
			ApplicationPatch{
				OIDCClientMetadata: &OIDCClientMetadata{
					RedirectURIs: []string{"https://app.example.com/cb2"},
					Extra:        map[string]json.RawMessage{"logoUri": json.RawMessage(`"https://l"`)},
				},
				CustomClientMetadata: &CustomClientMetadata{CorsAllowedOrigins: []string{"https://app.example.com"}},
				CustomData:           json.RawMessage(`{"a":1}`),
				ProtectedAppMetadata: &ProtectedAppPatch{Origin: new("https://o.example.com")},
			},
			`{"oidcClientMetadata":{"redirectUris":["https://app.example.com/cb2"],"postLogoutRedirectUris":[],"logoUri":"https://l"},
			"customClientMetadata":{"corsAllowedOrigins":["https://app.example.com"]},"customData":{"a":1},
			"protectedAppMetadata":{"origin":"https://o.example.com"}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeLogto(t, expectRequest(t, http.MethodPatch, "/api/applications/z29y90s4ilg51o9yadb46", tt.want, http.StatusOK, sampleApplication))
			app, err := f.client(t).UpdateApplication(t.Context(), "z29y90s4ilg51o9yadb46", tt.patch)
			if err != nil {
				t.Fatal(err)
			}
			checkSampleApplication(t, app)
		})
	}
}

func TestDeleteApplication(t *testing.T) {
	f := newFakeLogto(t, expectRequest(t, http.MethodDelete, "/api/applications/z29y90s4ilg51o9yadb46", "", http.StatusNoContent, ""))
	if err := f.client(t).DeleteApplication(t.Context(), "z29y90s4ilg51o9yadb46"); err != nil {
		t.Fatal(err)
	}
	if f.apiCalls.Load() != 1 {
		t.Errorf("requests = %d", f.apiCalls.Load())
	}
}

func TestListApplications(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.Method != http.MethodGet || r.URL.Path != "/api/applications" ||
			!slices.Equal(q["types"], []string{"Traditional", "MachineToMachine"}) || q.Get("page") != "1" || q.Get("page_size") != "100" ||
			q.Get("search") != "my_app%" {
			t.Errorf("request = %s %s", r.Method, r.URL)
		}
		w.Header().Set("Total-Number", "1")
		writeJSON(w, http.StatusOK, "["+sampleApplication+"]")
	})
	apps, err := f.client(t).ListApplications(t.Context(), ListApplicationsOptions{
		Types:  []string{ApplicationTypeTraditional, ApplicationTypeMachineToMachine},
		Search: "my_app%",
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(apps) != 1 {
		t.Fatalf("got %d applications", len(apps))
	}
	checkSampleApplication(t, &apps[0])
}

func TestApplicationHasSecrets(t *testing.T) {
	for typ, want := range map[string]bool{
		ApplicationTypeTraditional: true, ApplicationTypeMachineToMachine: true, ApplicationTypeProtected: true,
		ApplicationTypeSPA: false, ApplicationTypeNative: false,
	} {
		if ApplicationHasSecrets(typ) != want {
			t.Errorf("ApplicationHasSecrets(%s) != %v", typ, want)
		}
	}
}
