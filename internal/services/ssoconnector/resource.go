// Package ssoconnector implements logto_sso_connector and the
// logto_sso_connector and logto_sso_connector_providers data sources.
package ssoconnector

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const what = "Logto SSO Connector"

var (
	_ resource.Resource                   = (*ssoConnectorResource)(nil)
	_ resource.ResourceWithConfigure      = (*ssoConnectorResource)(nil)
	_ resource.ResourceWithImportState    = (*ssoConnectorResource)(nil)
	_ resource.ResourceWithValidateConfig = (*ssoConnectorResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*ssoConnectorResource)(nil)
)

type ssoConnectorResource struct {
	client *logto.Client
}

// NewResource returns the logto_sso_connector resource.
func NewResource() resource.Resource { return &ssoConnectorResource{} }

func (r *ssoConnectorResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sso_connector"
}

func (r *ssoConnectorResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// secretWO reads the write-only client secret from the configuration (null
// when the oidc block or the attribute is not set).
func secretWO(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) types.String {
	var oidc types.Object
	diags.Append(config.GetAttribute(ctx, path.Root("oidc"), &oidc)...)
	var m oidcModel
	if !objectAs(ctx, oidc, &m, diags) {
		return types.StringNull()
	}
	return m.ClientSecretWO
}

func (r *ssoConnectorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	in := plan.toCreate(ctx, secretWO(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.client.CreateSSOConnector(ctx, in)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Create "+what, err)
		return
	}
	tflog.Debug(ctx, "Created Logto SSO connector", map[string]any{"id": created.ID, "provider": created.ProviderName})
	// Track the connector before anything else can fail.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), created.ID)...)

	// The create answer is the stored row without providerConfig, which holds
	// the SAML service provider's URLs: read the connector once more.
	connector, err := r.client.GetSSOConnector(ctx, created.ID)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what+" After Create", err)
		connector = created
	}
	state := resourceModel{Timeouts: plan.Timeouts}
	state.fromAPI(ctx, connector, &plan, r.client.Endpoint(), &resp.Diagnostics)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &state)...)
}

func (r *ssoConnectorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	id := state.ID.ValueString()
	connector, err := r.client.RefreshSSOConnector(ctx, id)
	if framework.RemoveIfNotFound(ctx, err, resp, what, id) {
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	prior := state
	state.fromAPI(ctx, connector, &prior, r.client.Endpoint(), &resp.Diagnostics)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &state)...)
}

func (r *ssoConnectorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	id := state.ID.ValueString()
	var current *logto.SSOConnector
	if plan.configChanged(&state) {
		// Logto replaces the config whole: start from what it holds now.
		var err error
		if current, err = r.client.GetSSOConnector(ctx, id); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Update "+what, err)
			return
		}
	}
	patch := plan.toPatch(ctx, &state, current, secretWO(ctx, req.Config, &resp.Diagnostics), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var connector *logto.SSOConnector
	var err error
	if patch.IsEmpty() {
		connector, err = r.client.GetSSOConnector(ctx, id)
	} else {
		// PATCH answers the updated connector with its providerConfig.
		connector, err = r.client.UpdateSSOConnector(ctx, id, patch)
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Update "+what, err)
		return
	}
	next := resourceModel{Timeouts: plan.Timeouts}
	next.fromAPI(ctx, connector, &plan, r.client.Endpoint(), &resp.Diagnostics)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &next)...)
}

func (r *ssoConnectorResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	err := r.client.DeleteSSOConnector(ctx, state.ID.ValueString())
	if err != nil && !logto.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Delete "+what, err)
	}
}

// ImportState takes the connector's id. The next read fills every attribute
// from Logto, the configuration included (the client secret into
// client_secret: a write-only secret cannot be imported).
func (r *ssoConnectorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid Import ID", "Import a logto_sso_connector by its Logto ID (12 lowercase letters and digits).")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// ModifyPlan makes the computed values that do not apply to the connector's
// family known (null) at creation, so that other resources see it in the
// plan.
func (r *ssoConnectorResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	var provider types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("provider_name"), &provider)...)
	if !known(provider) {
		return
	}
	if logto.IsSAMLProvider(provider.ValueString()) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("redirect_uri"), types.StringNull())...)
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("saml_acs_url"), types.StringNull())...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("saml_sp_entity_id"), types.StringNull())...)
}
