// Package application implements logto_application and its data sources.
package application

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const what = "Logto Application"

var (
	_ resource.Resource                = (*applicationResource)(nil)
	_ resource.ResourceWithConfigure   = (*applicationResource)(nil)
	_ resource.ResourceWithImportState = (*applicationResource)(nil)
)

var objectAsOptions = basetypes.ObjectAsOptions{}

type applicationResource struct {
	client *logto.Client
}

// NewResource returns the logto_application resource.
func NewResource() resource.Resource { return &applicationResource{} }

func (r *applicationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application"
}

func (r *applicationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *applicationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	in := plan.toCreate(ctx, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	app, err := r.client.CreateApplication(ctx, in)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Create "+what, err)
		return
	}
	tflog.Debug(ctx, "Created Logto application", map[string]any{"id": app.ID, "type": app.Type})
	// Save the id first: should reading the secret fail, the application is
	// still tracked and not leaked.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), app.ID)...)

	state := resourceModel{Secret: types.StringNull(), StoreSecret: plan.StoreSecret, Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(state.FromAPI(ctx, app)...)
	if state.keepsSecret(app.Type) {
		state.Secret, err = r.defaultSecret(ctx, app.ID)
		if err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Read the Default Secret of "+what, err)
		}
	}
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &state)...)
}

func (r *applicationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	app, err := r.client.RefreshApplication(ctx, id)
	if framework.RemoveIfNotFound(ctx, err, resp, what, id) {
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	resp.Diagnostics.Append(state.FromAPI(ctx, app)...)
	// The Default secret is read on every refresh (one more request, for the
	// types that have secrets only), so that a secret rotated or deleted in
	// the Console shows in the next plan instead of staying stale in the
	// state: Logto's application answer carries no hint of a rotation.
	state.Secret = types.StringNull()
	if state.keepsSecret(app.Type) {
		state.Secret, err = r.defaultSecret(ctx, id)
		if err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Read the Default Secret of "+what, err)
			return
		}
	}
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &state)...)
}

func (r *applicationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	var current *logto.Application
	if plan.oidcChanged(&state.Model) || plan.customClientMetadataChanged(&state.Model) {
		var err error
		if current, err = r.client.GetApplication(ctx, id); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Update "+what, err)
			return
		}
	}
	patch := plan.toPatch(ctx, &state.Model, current, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	app, err := r.client.UpdateApplication(ctx, id, patch)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Update "+what, err)
		return
	}
	if patchAnswerIsStale(patch) {
		// Logto answers a PATCH that carries protectedAppMetadata and no other
		// field with the row it read BEFORE updating: it writes the protected
		// app's metadata in a step of its own and returns the row fetched
		// earlier (fixed by logto-io/logto#8889 in 2026; older servers, still
		// in use, do it). Saving that answer would keep the old origin in the
		// state and make Terraform report "Provider produced inconsistent
		// result after apply", so read the application again (one request,
		// only for this kind of update).
		if app, err = r.client.GetApplication(ctx, id); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what+" After Update", err)
			return
		}
	}
	resp.Diagnostics.Append(plan.FromAPI(ctx, app)...)
	plan.Secret = r.secretAfterUpdate(ctx, &plan, &state, &resp.Diagnostics)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &plan)...)
}

func (r *applicationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.DeleteApplication(ctx, state.ID.ValueString())
	if err != nil && !logto.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Delete "+what, err)
	}
}

func (r *applicationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid Import ID", "Import a logto_application by its Logto ID (the app's client_id).")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// defaultSecret returns the value of the application's "Default secret", or
// null when it was deleted or renamed in Logto.
func (r *applicationResource) defaultSecret(ctx context.Context, id string) (types.String, error) {
	secrets, err := r.client.ListApplicationSecrets(ctx, id)
	if err != nil {
		return types.StringNull(), err
	}
	for _, s := range secrets {
		if s.Name == logto.DefaultSecretName {
			return types.StringValue(s.Value), nil
		}
	}
	tflog.Warn(ctx, fmt.Sprintf("Application %s has no %q", id, logto.DefaultSecretName))
	return types.StringNull(), nil
}

// patchAnswerIsStale reports whether Logto answers this PATCH with the
// application as it was before the update: when the body holds
// protectedAppMetadata (or isAdmin, which Logto also applies in a step of its
// own) and no other field. The body is inspected as JSON so that fields added
// to logto.ApplicationPatch later count as "other fields".
func patchAnswerIsStale(patch logto.ApplicationPatch) bool {
	body, err := json.Marshal(patch)
	if err != nil {
		return true // cannot tell: reading again is always correct
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return true
	}
	if _, ok := fields["protectedAppMetadata"]; !ok {
		return false
	}
	delete(fields, "protectedAppMetadata")
	delete(fields, "isAdmin")
	return len(fields) == 0
}
