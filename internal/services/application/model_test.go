package application

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// sampleApp is the Traditional application of sample 01, with settings a
// Console user made that the resource does not manage.
const sampleApp = `{
  "tenantId": "default", "id": "z29y90s4ilg51o9yadb46", "name": "tf-traditional-s1",
  "description": "Traditional web app", "type": "Traditional",
  "oidcClientMetadata": {"redirectUris": ["https://app.example.com/callback"], "postLogoutRedirectUris": [],
    "backchannelLogoutUri": "https://app.example.com/bc"},
  "customClientMetadata": {"refreshTokenTtlInDays": 14, "rotateRefreshToken": true, "allowTokenExchange": true},
  "protectedAppMetadata": null, "customData": {"team": "platform", "tier": 1},
  "isThirdParty": false, "appLevelAccessControlEnabled": false, "createdAt": 1795272484158
}`

func decodeApp(t *testing.T) *logto.Application {
	t.Helper()
	var app logto.Application
	if err := json.Unmarshal([]byte(sampleApp), &app); err != nil {
		t.Fatal(err)
	}
	return &app
}

func modelOf(t *testing.T, app *logto.Application) Model {
	t.Helper()
	var m Model
	if d := m.FromAPI(context.Background(), app); d.HasError() {
		t.Fatal(d)
	}
	return m
}

func TestFromAPI(t *testing.T) {
	m := modelOf(t, decodeApp(t))
	if m.Description.ValueString() != "Traditional web app" || m.RefreshTokenTTLInDays.ValueInt64() != 14 ||
		!m.RotateRefreshToken.ValueBool() || !m.IDTokenTTL.IsNull() || !m.AlwaysIssueRefreshToken.IsNull() {
		t.Errorf("token settings/description not read as Logto has them: %+v", m)
	}
	if m.CorsAllowedOrigins.IsNull() || len(m.CorsAllowedOrigins.Elements()) != 0 {
		t.Errorf("cors_allowed_origins = %v, want an empty set when Logto has none", m.CorsAllowedOrigins)
	}
	if got := m.CreatedAt.ValueString(); got != "2026-11-21T14:48:04.158Z" {
		t.Errorf("created_at = %s", got)
	}
	if !m.ProtectedAppMetadata.IsNull() {
		t.Errorf("protected_app_metadata = %v, want null", m.ProtectedAppMetadata)
	}
}

func TestToPatch_sendsOnlyWhatChanged(t *testing.T) {
	ctx := context.Background()
	app := decodeApp(t)
	state := modelOf(t, app)
	plan := state
	plan.Name = types.StringValue("renamed")
	var diags diag.Diagnostics
	patch := plan.toPatch(ctx, &state, nil, &diags)
	body, _ := json.Marshal(patch)
	if string(body) != `{"name":"renamed"}` {
		t.Errorf("PATCH body = %s, want only the name", body)
	}

	plan = state
	plan.Description = types.StringNull()
	body, _ = json.Marshal(plan.toPatch(ctx, &state, nil, &diags))
	if string(body) != `{"description":null}` {
		t.Errorf("PATCH body = %s, want description null", body)
	}
	if diags.HasError() {
		t.Fatal(diags)
	}
}

func TestToPatch_keepsUnmanagedMetadata(t *testing.T) {
	ctx := context.Background()
	app := decodeApp(t)
	state := modelOf(t, app)
	plan := state
	var diags diag.Diagnostics
	plan.RedirectURIs, diags = types.ListValueFrom(ctx, types.StringType, []string{"https://b.example.com/cb"})
	plan.RotateRefreshToken = types.BoolNull()
	plan.IDTokenTTL = types.Int64Value(600)
	patch := plan.toPatch(ctx, &state, app, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	var got map[string]map[string]any
	body, _ := json.Marshal(patch)
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	oidc, ccm := got["oidcClientMetadata"], got["customClientMetadata"]
	if oidc["backchannelLogoutUri"] != "https://app.example.com/bc" || ccm["allowTokenExchange"] != true {
		t.Errorf("unmanaged settings dropped: %s", body)
	}
	if _, ok := ccm["rotateRefreshToken"]; ok {
		t.Errorf("rotate_refresh_token set to null must remove the key: %s", body)
	}
	if ccm["idTokenTtl"] != float64(600) || ccm["refreshTokenTtlInDays"] != float64(14) {
		t.Errorf("token settings wrong: %s", body)
	}
	if _, ok := got["customData"]; ok {
		t.Errorf("custom data unchanged but sent: %s", body)
	}
}

func TestToPatch_customDataReplacedWhenChanged(t *testing.T) {
	ctx := context.Background()
	state := modelOf(t, decodeApp(t))
	plan := state
	plan.CustomData = framework.NewCanonicalJSONValue(`{"team":"iam"}`)
	var diags diag.Diagnostics
	body, _ := json.Marshal(plan.toPatch(ctx, &state, nil, &diags))
	if string(body) != `{"customData":{"team":"iam"}}` {
		t.Errorf("PATCH body = %s, want the whole new customData", body)
	}
}

func TestFromAPI_customDataCanonical(t *testing.T) {
	app := decodeApp(t)
	// As Logto answers: jsonb key order (shorter keys first), spacing, and
	// numbers as JavaScript writes them.
	app.CustomData = []byte(`{"z": 1, "id": 12345678901234567890, "tier": 1.50, "owner": {"team": "iam", "cc": 1e3}}`)
	m := modelOf(t, app)
	want := `{"id":12345678901234567890,"owner":{"cc":1000,"team":"iam"},"tier":1.5,"z":1}`
	if got := m.CustomData.ValueString(); got != want {
		t.Errorf("custom_data = %s, want %s", got, want)
	}
	for _, empty := range []string{``, `null`, ` `} {
		app.CustomData = []byte(empty)
		if got := modelOf(t, app).CustomData.ValueString(); got != `{}` {
			t.Errorf("custom_data of %q = %s, want {}", empty, got)
		}
	}
	app.CustomData = []byte(`{"a":`)
	var bad Model
	if d := bad.FromAPI(context.Background(), app); !d.HasError() {
		t.Error("invalid customData from Logto must be reported")
	}
}

func TestToPatch_customDataComparedByCanonicalForm(t *testing.T) {
	ctx := context.Background()
	state := modelOf(t, decodeApp(t))
	var diags diag.Diagnostics
	// Written differently (spacing, key order), same object: nothing to send.
	plan := state
	plan.CustomData = framework.NewCanonicalJSONValue(`{ "tier": 1.0, "team": "platform" }`)
	body, _ := json.Marshal(plan.toPatch(ctx, &state, nil, &diags))
	if string(body) != `{}` {
		t.Errorf("PATCH body = %s, want nothing for the same object written differently", body)
	}
	// Positive control: a different number is sent.
	plan.CustomData = framework.NewCanonicalJSONValue(`{"tier":2,"team":"platform"}`)
	body, _ = json.Marshal(plan.toPatch(ctx, &state, nil, &diags))
	if string(body) != `{"customData":{"tier":2,"team":"platform"}}` {
		t.Errorf("PATCH body = %s, want the new customData", body)
	}
	if diags.HasError() {
		t.Fatal(diags)
	}
}

func TestPatchAnswerIsStale(t *testing.T) {
	origin := "https://moved.example.com"
	name := "renamed"
	for _, tc := range []struct {
		name  string
		patch logto.ApplicationPatch
		want  bool
	}{
		{"only protectedAppMetadata", logto.ApplicationPatch{ProtectedAppMetadata: &logto.ProtectedAppPatch{Origin: &origin}}, true},
		{"protectedAppMetadata and name", logto.ApplicationPatch{Name: &name, ProtectedAppMetadata: &logto.ProtectedAppPatch{Origin: &origin}}, false},
		{"protectedAppMetadata and description", logto.ApplicationPatch{
			Description: logto.NullableNull[string](), ProtectedAppMetadata: &logto.ProtectedAppPatch{Origin: &origin},
		}, false},
		{"protectedAppMetadata and custom data", logto.ApplicationPatch{
			CustomData: json.RawMessage(`{}`), ProtectedAppMetadata: &logto.ProtectedAppPatch{Origin: &origin},
		}, false},
		{"name only", logto.ApplicationPatch{Name: &name}, false},
		{"empty", logto.ApplicationPatch{}, false},
	} {
		if got := patchAnswerIsStale(tc.patch); got != tc.want {
			t.Errorf("%s: patchAnswerIsStale = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestModelsFromAPI_eachIDOnce(t *testing.T) {
	a, b, c := *decodeApp(t), *decodeApp(t), *decodeApp(t)
	b.ID, b.Name = "second", "second app"
	c.ID, c.Name = "third", "third app"
	// Offset paging shifted by an insert lists "second" on two pages.
	models, diags := modelsFromAPI(context.Background(), []logto.Application{a, b, b, c, a})
	if diags.HasError() {
		t.Fatal(diags)
	}
	var ids []string
	for _, m := range models {
		ids = append(ids, m.ID.ValueString())
	}
	if want := []string{a.ID, "second", "third"}; !slices.Equal(ids, want) {
		t.Errorf("ids = %v, want %v (first occurrence, listing order)", ids, want)
	}
	if models[1].Name.ValueString() != "second app" {
		t.Errorf("models[1] = %v, want the second application converted", models[1].Name)
	}
}

func TestNamedExactly_distinctIDs(t *testing.T) {
	a, b, other := *decodeApp(t), *decodeApp(t), *decodeApp(t)
	b.ID = "another-id-same-name"
	other.ID, other.Name = "x", strings.ToUpper(a.Name)
	if got := namedExactly([]logto.Application{a, other, a, a}, a.Name); len(got) != 1 || got[0].ID != a.ID {
		t.Errorf("one application listed three times: got %d matches, want 1", len(got))
	}
	// Positive control: two distinct ids with the name are two matches.
	if got := namedExactly([]logto.Application{a, b, a, other}, a.Name); len(got) != 2 {
		t.Errorf("two applications with the name: got %d matches, want 2", len(got))
	}
	if got := namedExactly([]logto.Application{other}, a.Name); len(got) != 0 {
		t.Errorf("case variant matched: %v", got)
	}
}
