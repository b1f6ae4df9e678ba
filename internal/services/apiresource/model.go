package apiresource

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// Model holds the attributes an API resource has in the resource and in the
// data source.
type Model struct {
	ID             types.String `tfsdk:"id"`
	Name           types.String `tfsdk:"name"`
	Indicator      types.String `tfsdk:"indicator"`
	AccessTokenTTL types.Int64  `tfsdk:"access_token_ttl"`
	IsDefault      types.Bool   `tfsdk:"is_default"`
}

// resourceModel is the state of logto_api_resource.
type resourceModel struct {
	Model
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// FromAPI sets every attribute from the API resource as Logto returned it.
func (m *Model) FromAPI(r *logto.APIResource) {
	m.ID = types.StringValue(r.ID)
	m.Name = types.StringValue(r.Name)
	m.Indicator = types.StringValue(r.Indicator)
	m.AccessTokenTTL = types.Int64Value(r.AccessTokenTTL)
	m.IsDefault = types.BoolValue(r.IsDefault)
}

// toCreate is the POST body for the plan; isDefault is set afterwards
// through its own route.
func (m *Model) toCreate() logto.APIResourceCreate {
	in := logto.APIResourceCreate{Name: m.Name.ValueString(), Indicator: m.Indicator.ValueString()}
	if !m.AccessTokenTTL.IsUnknown() && !m.AccessTokenTTL.IsNull() {
		in.AccessTokenTTL = m.AccessTokenTTL.ValueInt64Pointer()
	}
	return in
}

// toPatch returns the PATCH body holding what changed from state to plan,
// and whether there is anything to send.
func (m *Model) toPatch(state *Model) (logto.APIResourcePatch, bool) {
	var p logto.APIResourcePatch
	if !m.Name.Equal(state.Name) {
		p.Name = m.Name.ValueStringPointer()
	}
	if known(m.AccessTokenTTL) && !m.AccessTokenTTL.Equal(state.AccessTokenTTL) {
		p.AccessTokenTTL = m.AccessTokenTTL.ValueInt64Pointer()
	}
	return p, p.Name != nil || p.AccessTokenTTL != nil
}

func known(v interface {
	IsUnknown() bool
	IsNull() bool
}) bool {
	return !v.IsUnknown() && !v.IsNull()
}
