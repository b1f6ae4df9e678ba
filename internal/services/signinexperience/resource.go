// Package signinexperience implements logto_sign_in_experience and its data
// source.
package signinexperience

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const what = "Logto Sign-In Experience"

var (
	_ resource.Resource                = (*signInExperienceResource)(nil)
	_ resource.ResourceWithConfigure   = (*signInExperienceResource)(nil)
	_ resource.ResourceWithImportState = (*signInExperienceResource)(nil)
)

type signInExperienceResource struct {
	client *logto.Client
}

// NewResource returns the logto_sign_in_experience resource.
func NewResource() resource.Resource { return &signInExperienceResource{} }

func (r *signInExperienceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sign_in_experience"
}

func (r *signInExperienceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// timeoutsOf reads the timeouts attribute.
func timeoutsOf(ctx context.Context, src getter, diags *diag.Diagnostics) timeouts.Value {
	var t timeouts.Value
	diags.Append(src.GetAttribute(ctx, path.Root("timeouts"), &t)...)
	return t
}

// Create sends the managed attributes in one PATCH, each group built from a
// fresh read so that the group's other fields are kept.
func (r *signInExperienceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel := framework.WithTimeout(ctx, timeoutsOf(ctx, req.Plan, &resp.Diagnostics).Create, &resp.Diagnostics)
	defer cancel()
	managed := managedFromConfig(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	current, err := r.client.GetSignInExperience(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	answer := r.send(ctx, current, managed, func(f field) bool { return managed[f.id()] }, req.Plan, "Create", &resp.Diagnostics)
	if answer == nil {
		return
	}
	resp.State.Raw = req.Plan.Raw.Copy()
	r.save(ctx, &resp.State, req.Plan, answer, managed, &resp.Diagnostics)
	recordManaged(ctx, resp.Private, managed, &resp.Diagnostics)
}

// send writes the planned value of the fields selected into current (a fresh
// read) and PATCHes the Logto keys they live in, whole. It returns Logto's
// answer (the updated row), current when there is nothing to send, or nil
// after an error.
func (r *signInExperienceResource) send(ctx context.Context, current *logto.SignInExperience, managed managedSet,
	selected func(field) bool, plan getter, op string, diags *diag.Diagnostics,
) *logto.SignInExperience {
	keys := applyFields(ctx, current, selected, func(f field) attr.Value { return valueAt(ctx, plan, f.path(), diags) }, diags)
	if diags.HasError() {
		return nil
	}
	if len(keys) == 0 {
		return current
	}
	patch, err := current.PatchOf(keys...)
	if err != nil {
		diags.AddError("Unable to "+op+" "+what, err.Error())
		return nil
	}
	tflog.Debug(ctx, "Updating the Logto sign-in experience", map[string]any{"keys": keys})
	answer, err := r.client.UpdateSignInExperience(ctx, patch)
	if err != nil {
		framework.AddAPIError(diags, "Unable to "+op+" "+what, err)
		return nil
	}
	// Logto answers with the updated row; a managed value that comes back
	// different was not applied as planned.
	for _, f := range mismatches(ctx, plan, answer, managed, diags) {
		detail := fmt.Sprintf("Logto accepted the change but holds %s for %s instead of the configured value.",
			f.resourceValue(answer), f.id())
		if f.name == "social_sign_in_connector_targets" {
			detail = fmt.Sprintf("Logto keeps only the targets of its social connectors and dropped the others: it "+
				"holds %s. Add the missing social connectors in Logto, or remove their targets from the configuration.",
				f.resourceValue(answer))
		}
		diags.AddAttributeError(f.path(), "Logto Did Not Apply "+f.id(), detail)
	}
	return answer
}

// save writes the state after an apply: the managed fields from Logto's
// answer, the others as planned.
func (r *signInExperienceResource) save(ctx context.Context, state setter, plan getter, answer *logto.SignInExperience,
	managed managedSet, diags *diag.Diagnostics,
) {
	diags.Append(state.SetAttribute(ctx, path.Root("id"), answer.ID)...)
	diags.Append(writeFields(ctx, state, plan, answer, func(f field) bool { return managed[f.id()] })...)
}

// Read refreshes the managed attributes only; the others keep their prior
// state. Without a record of what is managed (after an import), it reads
// everything.
func (r *signInExperienceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx, cancel := framework.WithTimeout(ctx, timeoutsOf(ctx, req.State, &resp.Diagnostics).Read, &resp.Diagnostics)
	defer cancel()
	managed, recorded, d := readManaged(ctx, req.Private)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	current, err := r.client.GetSignInExperience(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), current.ID)...)
	resp.Diagnostics.Append(writeFields(ctx, &resp.State, req.State, current, func(f field) bool {
		return !recorded || managed[f.id()]
	})...)
	var reset types.Bool
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("reset_on_destroy"), &reset)...)
	if reset.IsNull() {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("reset_on_destroy"), false)...)
	}
}

// Update PATCHes the Logto keys holding a managed attribute whose planned
// value differs from the state, each built from a fresh read.
func (r *signInExperienceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel := framework.WithTimeout(ctx, timeoutsOf(ctx, req.Plan, &resp.Diagnostics).Update, &resp.Diagnostics)
	defer cancel()
	managed := managedFromConfig(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	changedKeys := map[string]bool{}
	for _, f := range fields {
		if !managed[f.id()] {
			continue
		}
		planned := valueAt(ctx, req.Plan, f.path(), &resp.Diagnostics)
		prior := valueAt(ctx, req.State, f.path(), &resp.Diagnostics)
		if planned != nil && !planned.Equal(prior) {
			changedKeys[f.key] = true
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	current, err := r.client.GetSignInExperience(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	// Every managed field of a key that changed is sent: Logto replaces the
	// key whole, built here from the fresh read.
	answer := r.send(ctx, current, managed, func(f field) bool { return managed[f.id()] && changedKeys[f.key] },
		req.Plan, "Update", &resp.Diagnostics)
	if answer == nil {
		return
	}
	resp.State.Raw = req.Plan.Raw.Copy()
	r.save(ctx, &resp.State, req.Plan, answer, managed, &resp.Diagnostics)
	recordManaged(ctx, resp.Private, managed, &resp.Diagnostics)
}

// Delete forgets the resource, or with reset_on_destroy first restores
// Logto's defaults for the managed attributes.
func (r *signInExperienceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel := framework.WithTimeout(ctx, timeoutsOf(ctx, req.State, &resp.Diagnostics).Delete, &resp.Diagnostics)
	defer cancel()
	var reset types.Bool
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("reset_on_destroy"), &reset)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !reset.ValueBool() {
		tflog.Info(ctx, "Forgetting the Logto sign-in experience: it stays as it is in Logto (reset_on_destroy = false)")
		return
	}
	managed, recorded, d := readManaged(ctx, req.Private)
	resp.Diagnostics.Append(d...)
	if !recorded {
		resp.Diagnostics.AddWarning("Sign-In Experience Not Reset",
			"This resource was imported and not applied since, so it has no record of the attributes its "+
				"configuration manages: nothing was reset. The sign-in experience stays as it is in Logto.")
		return
	}
	current, err := r.client.GetSignInExperience(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Reset "+what, err)
		return
	}
	defaults := logto.DefaultSignInExperience()
	keys := applyFields(ctx, current, func(f field) bool { return managed[f.id()] },
		func(f field) attr.Value { return f.resourceValue(&defaults) }, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || len(keys) == 0 {
		return
	}
	patch, err := current.PatchOf(keys...)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Reset "+what, err.Error())
		return
	}
	tflog.Debug(ctx, "Restoring Logto's defaults of the sign-in experience", map[string]any{"keys": keys})
	if _, err := r.client.UpdateSignInExperience(ctx, patch); err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Reset "+what, err)
		resp.Diagnostics.AddError("Sign-In Experience Not Reset",
			"Restoring the defaults of "+strings.Join(keys, ", ")+" failed, so the resource stays in the state. "+
				"Fix the cause, or set reset_on_destroy = false to only forget it.")
	}
}

// ImportState accepts any id: there is one sign-in experience per tenant.
func (r *signInExperienceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}
