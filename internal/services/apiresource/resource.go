// Package apiresource implements logto_api_resource, logto_api_resource_scope
// and the logto_api_resource data source.
package apiresource

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const what = "Logto API Resource"

var (
	_ resource.Resource                = (*apiResourceResource)(nil)
	_ resource.ResourceWithConfigure   = (*apiResourceResource)(nil)
	_ resource.ResourceWithImportState = (*apiResourceResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*apiResourceResource)(nil)
)

type apiResourceResource struct {
	client *logto.Client
}

// NewResource returns the logto_api_resource resource.
func NewResource() resource.Resource { return &apiResourceResource{} }

func (r *apiResourceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_api_resource"
}

func (r *apiResourceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *apiResourceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	res, err := r.client.CreateAPIResource(ctx, plan.toCreate())
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Create "+what, err)
		return
	}
	tflog.Debug(ctx, "Created Logto API resource", map[string]any{"id": res.ID})
	// Track the resource before the follow-up request: should it fail, the
	// resource is not left behind untracked.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), res.ID)...)
	if plan.IsDefault.ValueBool() {
		// The is-default route answers the updated row.
		if res, err = r.client.SetAPIResourceDefault(ctx, res.ID, true); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Make the "+what+" the Default", err)
			return
		}
	}
	plan.FromAPI(res)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &plan)...)
}

func (r *apiResourceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	res, err := r.client.RefreshAPIResource(ctx, id)
	if framework.RemoveIfNotFound(ctx, err, resp, what, id) {
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	state.FromAPI(res)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &state)...)
}

func (r *apiResourceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	var res *logto.APIResource
	var err error
	if patch, changed := plan.toPatch(&state.Model); changed {
		// PATCH /api/resources/{id} answers the updated row.
		if res, err = r.client.UpdateAPIResource(ctx, id, patch); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Update "+what, err)
			return
		}
	}
	if known(plan.IsDefault) && !plan.IsDefault.Equal(state.IsDefault) {
		if res, err = r.client.SetAPIResourceDefault(ctx, id, plan.IsDefault.ValueBool()); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Update the Default Flag of "+what, err)
			return
		}
	}
	if res == nil {
		// Nothing sent to Logto (only timeouts changed): the state is the plan.
		plan.ID = state.ID
		resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &plan)...)
		return
	}
	plan.FromAPI(res)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &plan)...)
}

func (r *apiResourceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.DeleteAPIResource(ctx, state.ID.ValueString())
	if e, ok := logto.AsError(err); ok && e.Code == logto.CodeCannotDeleteManagementAPI {
		resp.Diagnostics.AddError("Unable to Delete "+what,
			fmt.Sprintf("%s\n\n%s", framework.ErrorDetail(err), managementAPIAdvice))
		return
	}
	if err != nil && !logto.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Delete "+what, err)
	}
}

// managementAPIAdvice tells users how to stop managing the built-in
// Management API resource without deleting it.
const managementAPIAdvice = "Logto's built-in Logto Management API resource cannot be deleted (Logto answers " +
	"resource.cannot_delete_management_api). To stop managing it with Terraform, remove it from the state " +
	"instead: replace the resource block with a `removed { from = <address>  lifecycle { destroy = false } }` " +
	"block, or run `terraform state rm <address>`."

// ModifyPlan refuses, at plan time, to delete or replace the built-in
// Management API resource, which Logto would refuse at apply time after
// other changes were already made.
func (r *apiResourceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() {
		return
	}
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() || state.ID.ValueString() != logto.ManagementAPIResourceID {
		return
	}
	if req.Plan.Raw.IsNull() {
		resp.Diagnostics.AddError("Cannot Delete the Logto Management API", managementAPIAdvice)
		return
	}
	var plan resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	if !plan.Indicator.IsUnknown() && !plan.Indicator.Equal(state.Indicator) {
		resp.Diagnostics.AddAttributeError(path.Root("indicator"), "Cannot Replace the Logto Management API",
			"Changing the indicator replaces the API resource, and Logto's built-in Management API cannot be "+
				"deleted. Keep its indicator as it is.")
	}
}

func (r *apiResourceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid Import ID", "Import a logto_api_resource by its Logto ID.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}
