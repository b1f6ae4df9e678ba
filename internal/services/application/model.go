package application

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// Model holds the attributes an application has in the resource and in the
// data sources.
type Model struct {
	ID                      types.String            `tfsdk:"id"`
	Name                    types.String            `tfsdk:"name"`
	Type                    types.String            `tfsdk:"type"`
	Description             types.String            `tfsdk:"description"`
	RedirectURIs            types.List              `tfsdk:"redirect_uris"`
	PostLogoutRedirectURIs  types.List              `tfsdk:"post_logout_redirect_uris"`
	CorsAllowedOrigins      types.Set               `tfsdk:"cors_allowed_origins"`
	IDTokenTTL              types.Int64             `tfsdk:"id_token_ttl"`
	RefreshTokenTTLInDays   types.Int64             `tfsdk:"refresh_token_ttl_in_days"`
	RotateRefreshToken      types.Bool              `tfsdk:"rotate_refresh_token"`
	AlwaysIssueRefreshToken types.Bool              `tfsdk:"always_issue_refresh_token"`
	IsThirdParty            types.Bool              `tfsdk:"is_third_party"`
	CustomData              framework.CanonicalJSON `tfsdk:"custom_data"`
	ProtectedAppMetadata    types.Object            `tfsdk:"protected_app_metadata"`
	CreatedAt               timetypes.RFC3339       `tfsdk:"created_at"`
}

// resourceModel is the resource's state: the Model plus the Default secret.
type resourceModel struct {
	Model
	Secret      types.String   `tfsdk:"secret"`
	StoreSecret types.Bool     `tfsdk:"store_secret"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

// protectedAppModel is protected_app_metadata.
type protectedAppModel struct {
	SubDomain types.String `tfsdk:"sub_domain"`
	Origin    types.String `tfsdk:"origin"`
	Host      types.String `tfsdk:"host"`
}

var protectedAppAttrTypes = map[string]attr.Type{
	"sub_domain": types.StringType,
	"origin":     types.StringType,
	"host":       types.StringType,
}

// FromAPI sets every attribute from the application as Logto returned it.
func (m *Model) FromAPI(ctx context.Context, app *logto.Application) diag.Diagnostics {
	var diags, d diag.Diagnostics
	m.ID = types.StringValue(app.ID)
	m.Name = types.StringValue(app.Name)
	m.Type = types.StringValue(app.Type)
	m.Description = types.StringPointerValue(app.Description)
	m.RedirectURIs, d = types.ListValueFrom(ctx, types.StringType, nonNil(app.OIDCClientMetadata.RedirectURIs))
	diags.Append(d...)
	m.PostLogoutRedirectURIs, d = types.ListValueFrom(ctx, types.StringType, nonNil(app.OIDCClientMetadata.PostLogoutRedirectURIs))
	diags.Append(d...)
	ccm := app.CustomClientMetadata
	m.CorsAllowedOrigins, d = types.SetValueFrom(ctx, types.StringType, nonNil(ccm.CorsAllowedOrigins))
	diags.Append(d...)
	m.IDTokenTTL = types.Int64PointerValue(ccm.IDTokenTTL)
	m.RefreshTokenTTLInDays = types.Int64PointerValue(ccm.RefreshTokenTTLInDays)
	m.RotateRefreshToken = types.BoolPointerValue(ccm.RotateRefreshToken)
	m.AlwaysIssueRefreshToken = types.BoolPointerValue(ccm.AlwaysIssueRefreshToken)
	m.IsThirdParty = types.BoolValue(app.IsThirdParty)
	m.CustomData, d = customDataValue(app.CustomData)
	diags.Append(d...)
	m.ProtectedAppMetadata, d = protectedAppValue(app.ProtectedAppMetadata)
	diags.Append(d...)
	m.CreatedAt = framework.TimeFromMillis(app.CreatedAt)
	return diags
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// customDataValue stores customData in canonical form (sorted keys, exact
// numbers): Logto answers with jsonb's key order, shorter keys first, while
// jsonencode() sorts them, and the state must hold what jsonencode() writes
// for an import or a refresh to plan nothing.
func customDataValue(raw []byte) (framework.CanonicalJSON, diag.Diagnostics) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		s = "{}"
	}
	v, err := framework.CanonicalJSONFromAPI([]byte(s))
	if err != nil {
		var diags diag.Diagnostics
		diags.AddAttributeError(path.Root("custom_data"), "Unexpected Custom Data From Logto",
			fmt.Sprintf("Logto answered with customData that is not valid JSON (%s). Please report this.", err))
		return v, diags
	}
	return v, nil
}

func protectedAppValue(p *logto.ProtectedAppMetadata) (types.Object, diag.Diagnostics) {
	if p == nil {
		return types.ObjectNull(protectedAppAttrTypes), nil
	}
	sub, _, _ := strings.Cut(p.Host, ".")
	return types.ObjectValue(protectedAppAttrTypes, map[string]attr.Value{
		"sub_domain": types.StringValue(sub),
		"origin":     types.StringValue(p.Origin),
		"host":       types.StringValue(p.Host),
	})
}

// stringsOf returns the elements of a known list or set, and false when the
// value is null or unknown (the attribute is left as the server has it).
func stringsOf(ctx context.Context, v interface {
	IsNull() bool
	IsUnknown() bool
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}, diags *diag.Diagnostics) ([]string, bool) {
	if v.IsNull() || v.IsUnknown() {
		return nil, false
	}
	out := []string{}
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out, true
}

// known reports whether a planned value was set (not null, not unknown).
func known(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// toCreate builds the POST body from the plan.
func (m *Model) toCreate(ctx context.Context, diags *diag.Diagnostics) logto.ApplicationCreate {
	in := logto.ApplicationCreate{
		Name:        m.Name.ValueString(),
		Type:        m.Type.ValueString(),
		Description: m.Description.ValueStringPointer(),
	}
	if known(m.IsThirdParty) {
		in.IsThirdParty = m.IsThirdParty.ValueBoolPointer()
	}
	oidc := logto.OIDCClientMetadata{}
	oidc.RedirectURIs, _ = stringsOf(ctx, m.RedirectURIs, diags)
	oidc.PostLogoutRedirectURIs, _ = stringsOf(ctx, m.PostLogoutRedirectURIs, diags)
	in.OIDCClientMetadata = &oidc
	ccm := logto.CustomClientMetadata{}
	m.applyCustomClientMetadata(ctx, &ccm, diags)
	in.CustomClientMetadata = &ccm
	if known(m.CustomData) {
		in.CustomData = []byte(m.CustomData.ValueString())
	}
	if known(m.ProtectedAppMetadata) {
		var p protectedAppModel
		diags.Append(m.ProtectedAppMetadata.As(ctx, &p, objectAsOptions)...)
		in.ProtectedAppMetadata = &logto.ProtectedAppCreate{SubDomain: p.SubDomain.ValueString(), Origin: p.Origin.ValueString()}
	}
	return in
}

// applyCustomClientMetadata writes the managed token settings into ccm,
// leaving every other key of Logto's customClientMetadata as it is. A null
// setting removes the key, so Logto's default applies.
func (m *Model) applyCustomClientMetadata(ctx context.Context, ccm *logto.CustomClientMetadata, diags *diag.Diagnostics) {
	if origins, ok := stringsOf(ctx, m.CorsAllowedOrigins, diags); ok {
		ccm.CorsAllowedOrigins = origins
	}
	ccm.IDTokenTTL = m.IDTokenTTL.ValueInt64Pointer()
	ccm.RefreshTokenTTLInDays = m.RefreshTokenTTLInDays.ValueInt64Pointer()
	ccm.RotateRefreshToken = m.RotateRefreshToken.ValueBoolPointer()
	ccm.AlwaysIssueRefreshToken = m.AlwaysIssueRefreshToken.ValueBoolPointer()
}

// oidcChanged reports whether a field of oidcClientMetadata differs between
// the plan m and the state.
func (m *Model) oidcChanged(state *Model) bool {
	return changed(m.RedirectURIs, state.RedirectURIs) || changed(m.PostLogoutRedirectURIs, state.PostLogoutRedirectURIs)
}

// customClientMetadataChanged reports whether a managed token setting differs
// between the plan m and the state.
func (m *Model) customClientMetadataChanged(state *Model) bool {
	return changed(m.CorsAllowedOrigins, state.CorsAllowedOrigins) ||
		!m.IDTokenTTL.Equal(state.IDTokenTTL) ||
		!m.RefreshTokenTTLInDays.Equal(state.RefreshTokenTTLInDays) ||
		!m.RotateRefreshToken.Equal(state.RotateRefreshToken) ||
		!m.AlwaysIssueRefreshToken.Equal(state.AlwaysIssueRefreshToken)
}

// changed reports whether a planned value is set and differs from the state.
func changed(plan, state attr.Value) bool { return known(plan) && !plan.Equal(state) }

// toPatch builds the PATCH body with what differs between the plan m and the
// state. Logto replaces oidcClientMetadata and customClientMetadata as whole
// objects, so when one of them changes it starts from the object as the server
// has it now (current) and only the managed fields change: nothing Terraform
// does not manage is lost. current may be nil when neither object changed.
func (m *Model) toPatch(ctx context.Context, state *Model, current *logto.Application, diags *diag.Diagnostics) logto.ApplicationPatch {
	var patch logto.ApplicationPatch
	if !m.Name.Equal(state.Name) {
		patch.Name = m.Name.ValueStringPointer()
	}
	if !m.Description.Equal(state.Description) {
		if m.Description.IsNull() {
			patch.Description = logto.NullableNull[string]()
		} else {
			patch.Description = logto.NullableValue(m.Description.ValueString())
		}
	}
	if current != nil && m.oidcChanged(state) {
		oidc := current.OIDCClientMetadata
		if uris, ok := stringsOf(ctx, m.RedirectURIs, diags); ok {
			oidc.RedirectURIs = uris
		}
		if uris, ok := stringsOf(ctx, m.PostLogoutRedirectURIs, diags); ok {
			oidc.PostLogoutRedirectURIs = uris
		}
		oidc.RedirectURIs, oidc.PostLogoutRedirectURIs = nonNil(oidc.RedirectURIs), nonNil(oidc.PostLogoutRedirectURIs)
		patch.OIDCClientMetadata = &oidc
	}
	if current != nil && m.customClientMetadataChanged(state) {
		ccm := current.CustomClientMetadata
		m.applyCustomClientMetadata(ctx, &ccm, diags)
		patch.CustomClientMetadata = &ccm
	}
	// Compared by canonical form: a configuration written differently
	// (spacing, key order) from what Logto holds sends nothing.
	if known(m.CustomData) && !m.CustomData.SemanticallyEqual(state.CustomData) {
		patch.CustomData = []byte(m.CustomData.ValueString())
	}
	if changed(m.ProtectedAppMetadata, state.ProtectedAppMetadata) {
		var p protectedAppModel
		diags.Append(m.ProtectedAppMetadata.As(ctx, &p, objectAsOptions)...)
		origin := p.Origin.ValueString()
		patch.ProtectedAppMetadata = &logto.ProtectedAppPatch{Origin: &origin}
	}
	return patch
}
