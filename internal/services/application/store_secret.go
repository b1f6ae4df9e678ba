package application

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// store_secret: the opt-out that keeps the Default secret out of the state
// (and so out of plan files) for teams that read secrets only through the
// logto_application_secret ephemeral resource.

var _ resource.ResourceWithModifyPlan = (*applicationResource)(nil)

// storeSecretAttribute is logto_application.store_secret.
func storeSecretAttribute() schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: "Whether `secret` holds the value of the `Default secret` in the state. Defaults to " +
			"`true`. Set `false` to keep the secret out of the state and plan files: `secret` is then null and " +
			"never read. Read the secret where it is needed with the `logto_application_secret` ephemeral " +
			"resource, which stores nothing. Turning it back to `true` reads the secret at the next apply.",
		Optional: true,
		Computed: true,
		Default:  booldefault.StaticBool(true),
	}
}

// keepsSecret reports whether the Default secret of an application of
// appType is read into the state. A null store_secret — an import, or a
// state written before the attribute existed — takes the default, true,
// and is set to it.
func (m *resourceModel) keepsSecret(appType string) bool {
	if m.StoreSecret.IsNull() || m.StoreSecret.IsUnknown() {
		m.StoreSecret = types.BoolValue(true)
	}
	return m.StoreSecret.ValueBool() && logto.ApplicationHasSecrets(appType)
}

// storedSecret reports whether a state holds the Default secret (store_secret
// not false).
func storedSecret(v types.Bool) bool { return !v.Equal(types.BoolValue(false)) }

// ModifyPlan plans `secret` by store_secret: null when false, and read
// again (unknown) when it turns true.
func (r *applicationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var store types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("store_secret"), &store)...)
	if resp.Diagnostics.HasError() {
		return
	}
	switch {
	case store.IsUnknown():
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("secret"), types.StringUnknown())...)
	case !store.ValueBool():
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("secret"), types.StringNull())...)
	case !req.State.Raw.IsNull():
		var was types.Bool
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("store_secret"), &was)...)
		if !storedSecret(was) {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("secret"), types.StringUnknown())...)
		}
	}
}

// secretAfterUpdate returns `secret` for the state after an update: null
// when not stored, the state's value when it was stored already, and the
// secret read from Logto when store_secret has just turned true.
func (r *applicationResource) secretAfterUpdate(ctx context.Context, plan, state *resourceModel, diags *diag.Diagnostics) types.String {
	if !plan.keepsSecret(plan.Type.ValueString()) {
		return types.StringNull()
	}
	if storedSecret(state.StoreSecret) {
		return state.Secret
	}
	secret, err := r.defaultSecret(ctx, plan.ID.ValueString())
	if err != nil {
		framework.AddAPIError(diags, "Unable to Read the Default Secret of "+what, err)
	}
	return secret
}
