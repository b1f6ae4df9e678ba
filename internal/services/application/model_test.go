package application

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

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
	plan.CustomData = jsontypes.NewNormalizedValue(`{"team":"iam"}`)
	var diags diag.Diagnostics
	body, _ := json.Marshal(plan.toPatch(ctx, &state, nil, &diags))
	if string(body) != `{"customData":{"team":"iam"}}` {
		t.Errorf("PATCH body = %s, want the whole new customData", body)
	}
}
