package organization

import (
	"context"
	"fmt"
	"sort"
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

// Model holds the attributes an organization has in the resource and the
// data source.
type Model struct {
	ID                 types.String            `tfsdk:"id"`
	Name               types.String            `tfsdk:"name"`
	Description        types.String            `tfsdk:"description"`
	CustomData         framework.CanonicalJSON `tfsdk:"custom_data"`
	IsMfaRequired      types.Bool              `tfsdk:"is_mfa_required"`
	Branding           types.Object            `tfsdk:"branding"`
	JITEmailDomains    types.Set               `tfsdk:"jit_email_domains"`
	JITRoleIDs         types.Set               `tfsdk:"jit_role_ids"`
	JITSSOConnectorIDs types.Set               `tfsdk:"jit_sso_connector_ids"`
	CreatedAt          timetypes.RFC3339       `tfsdk:"created_at"`
}

// resourceModel is the state of logto_organization.
type resourceModel struct {
	Model
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// brandingModel is the branding attribute.
type brandingModel struct {
	LogoURL     types.String `tfsdk:"logo_url"`
	DarkLogoURL types.String `tfsdk:"dark_logo_url"`
}

var brandingTypes = map[string]attr.Type{"logo_url": types.StringType, "dark_logo_url": types.StringType}

// jit is an organization's just-in-time settings as Logto has them.
type jit struct {
	domains, roles, connectors []string
}

// readJIT reads the three just-in-time sets.
func readJIT(ctx context.Context, c *logto.Client, orgID string) (*jit, error) {
	var j jit
	var err error
	if j.domains, err = c.ListOrganizationJITEmailDomains(ctx, orgID); err != nil {
		return nil, err
	}
	if j.roles, err = c.ListOrganizationJITRoleIDs(ctx, orgID); err != nil {
		return nil, err
	}
	if j.connectors, err = c.ListOrganizationJITSSOConnectorIDs(ctx, orgID); err != nil {
		return nil, err
	}
	return &j, nil
}

// FromAPI sets every attribute from the organization and its just-in-time
// settings.
func (m *Model) FromAPI(o *logto.Organization, j *jit) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(o.ID)
	m.Name = types.StringValue(o.Name)
	m.Description = types.StringPointerValue(o.Description)
	m.IsMfaRequired = types.BoolValue(o.IsMfaRequired)
	m.CreatedAt = framework.TimeFromMillis(o.CreatedAt)
	raw := strings.TrimSpace(string(o.CustomData))
	if raw == "" || raw == "null" {
		raw = "{}"
	}
	v, err := framework.CanonicalJSONFromAPI([]byte(raw))
	if err != nil {
		diags.AddAttributeError(path.Root("custom_data"), "Unexpected Custom Data From Logto",
			fmt.Sprintf("Logto answered with customData that is not valid JSON (%s). Please report this.", err))
	}
	m.CustomData = v
	m.Branding = types.ObjectValueMust(brandingTypes, map[string]attr.Value{
		"logo_url":      types.StringPointerValue(o.Branding.LogoURL),
		"dark_logo_url": types.StringPointerValue(o.Branding.DarkLogoURL),
	})
	m.JITEmailDomains = stringSet(j.domains)
	m.JITRoleIDs = stringSet(j.roles)
	m.JITSSOConnectorIDs = stringSet(j.connectors)
	return diags
}

// toCreate returns the body of the create.
func (m *Model) toCreate(ctx context.Context, diags *diag.Diagnostics) logto.OrganizationCreate {
	in := logto.OrganizationCreate{Name: m.Name.ValueString()}
	if known(m.Description) {
		in.Description = m.Description.ValueStringPointer()
	}
	if known(m.CustomData) {
		in.CustomData = []byte(m.CustomData.ValueString())
	}
	if known(m.IsMfaRequired) {
		in.IsMfaRequired = m.IsMfaRequired.ValueBoolPointer()
	}
	if b := m.branding(ctx, diags); b != nil {
		in.Branding = &logto.OrganizationBranding{LogoURL: b.LogoURL.ValueStringPointer(), DarkLogoURL: b.DarkLogoURL.ValueStringPointer()}
	}
	return in
}

// branding returns the configured branding, or nil when it is null or
// unknown.
func (m *Model) branding(ctx context.Context, diags *diag.Diagnostics) *brandingModel {
	if !known(m.Branding) {
		return nil
	}
	var b brandingModel
	diags.Append(m.Branding.As(ctx, &b, objectAsOptions)...)
	return &b
}

// toPatch returns the PATCH body holding what changed from state to plan.
// Branding is replaced whole by Logto: it is built from current (a fresh
// read), so that favicons set in the Console survive.
func (m *Model) toPatch(ctx context.Context, state *Model, current *logto.Organization, diags *diag.Diagnostics) logto.OrganizationPatch {
	var p logto.OrganizationPatch
	if !m.Name.Equal(state.Name) {
		p.Name = m.Name.ValueStringPointer()
	}
	if known(m.Description) && !m.Description.Equal(state.Description) {
		p.Description = m.Description.ValueStringPointer()
	}
	if known(m.CustomData) && !m.CustomData.SemanticallyEqual(state.CustomData) {
		p.CustomData = []byte(m.CustomData.ValueString())
	}
	if known(m.IsMfaRequired) && !m.IsMfaRequired.Equal(state.IsMfaRequired) {
		p.IsMfaRequired = m.IsMfaRequired.ValueBoolPointer()
	}
	if b := m.branding(ctx, diags); b != nil && !m.Branding.Equal(state.Branding) {
		next := current.Branding
		next.LogoURL, next.DarkLogoURL = b.LogoURL.ValueStringPointer(), b.DarkLogoURL.ValueStringPointer()
		p.Branding = &next
	}
	return p
}

// stringSet returns the strings as a sorted set value.
func stringSet(items []string) types.Set {
	sorted := append([]string{}, items...)
	sort.Strings(sorted)
	elems := make([]attr.Value, 0, len(sorted))
	for _, s := range sorted {
		elems = append(elems, types.StringValue(s))
	}
	return types.SetValueMust(types.StringType, elems)
}

// setStrings returns the set's elements; false when the set, or one of its
// elements, is null or unknown.
func setStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) ([]string, bool) {
	if s.IsNull() || s.IsUnknown() {
		return nil, false
	}
	for _, e := range s.Elements() {
		if e.IsNull() || e.IsUnknown() {
			return nil, false
		}
	}
	out := []string{}
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	sort.Strings(out)
	return out, true
}

func known(v interface {
	IsUnknown() bool
	IsNull() bool
}) bool {
	return !v.IsUnknown() && !v.IsNull()
}
