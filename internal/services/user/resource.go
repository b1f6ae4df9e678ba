// Package user implements logto_user, its data source, and the role
// assignments of users (logto_user_roles, logto_user_role).
package user

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const what = "Logto User"

var (
	_ resource.ResourceWithConfigure      = (*userResource)(nil)
	_ resource.ResourceWithImportState    = (*userResource)(nil)
	_ resource.ResourceWithValidateConfig = (*userResource)(nil)
)

type userResource struct {
	client *logto.Client
}

// resourceModel is the resource's state: the Model plus the write-only
// password (always null here) and its version.
type resourceModel struct {
	Model
	PasswordWO        types.String   `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64    `tfsdk:"password_wo_version"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

// NewResource returns the logto_user resource.
func NewResource() resource.Resource { return &userResource{} }

func (r *userResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (r *userResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig requires an identifier: Logto would create a user without
// one, but nobody could sign in as it or find it by name.
func (r *userResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m resourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.Username.IsNull() && m.PrimaryEmail.IsNull() && m.PrimaryPhone.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("username"), "Missing User Identifier",
			"Set at least one of username, primary_email and primary_phone: they identify the user when signing "+
				"in, and Terraform finds the user by them when Logto's answer to the create is lost.")
	}
}

// password reads the write-only password from the configuration: it is
// null in the plan and the state.
func password(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) types.String {
	var pw types.String
	diags.Append(config.GetAttribute(ctx, path.Root("password_wo"), &pw)...)
	return pw
}

func (r *userResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	in := plan.toCreate(password(ctx, req.Config, &resp.Diagnostics))
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	u, err := r.client.CreateUser(ctx, in)
	if err != nil {
		addUserError(&resp.Diagnostics, "Unable to Create "+what, err)
		return
	}
	tflog.Debug(ctx, "Created Logto user", map[string]any{"id": u.ID})
	// Save the id first: should suspending fail, the user is still tracked.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), u.ID)...)
	// Logto ignores isSuspended in the create.
	if plan.IsSuspended.ValueBool() {
		if u, err = r.client.SetUserSuspended(ctx, u.ID, true); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Suspend "+what, err)
			return
		}
	}
	plan.save(ctx, u, &resp.State, &resp.Diagnostics)
}

// save sets the state from the user as Logto holds it.
func (m *resourceModel) save(ctx context.Context, u *logto.User, state *tfsdk.State, diags *diag.Diagnostics) {
	diags.Append(m.FromAPI(u)...)
	m.PasswordWO = types.StringNull()
	diags.Append(state.Set(ctx, m)...)
}

func (r *userResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	u, err := r.client.RefreshUser(ctx, id)
	if framework.RemoveIfNotFound(ctx, err, resp, what, id) {
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	state.save(ctx, u, &resp.State, &resp.Diagnostics)
}

// Update sends what changed, each part through its own route: identifiers,
// name, avatar and custom data in one PATCH; the profile merged through
// /profile; suspension through /is-suspended; the password through /password when its
// version changes.
func (r *userResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	summary := "Unable to Update " + what
	patch := plan.toPatch(&state.Model)
	var merge *logto.UserProfile
	if plan.profileChanged(&state.Model) {
		// Merged into what Logto holds: the claims the configuration leaves
		// out stay as they are.
		p := profileFromValue(plan.Profile)
		merge = &p
	}

	// latest is the user as the last write answered it; stale when a
	// profile merge came after it (that answer is the profile alone).
	var latest *logto.User
	stale := false
	if !patch.IsEmpty() {
		u, err := r.client.UpdateUser(ctx, id, patch)
		if err != nil {
			addUserError(&resp.Diagnostics, summary, err)
			return
		}
		latest = u
	}
	if merge != nil {
		if _, err := r.client.MergeUserProfile(ctx, id, *merge); err != nil {
			framework.AddAPIError(&resp.Diagnostics, summary, err)
			return
		}
		stale = true
	}
	if known(plan.IsSuspended) && !plan.IsSuspended.Equal(state.IsSuspended) {
		u, err := r.client.SetUserSuspended(ctx, id, plan.IsSuspended.ValueBool())
		if err != nil {
			framework.AddAPIError(&resp.Diagnostics, summary, err)
			return
		}
		latest, stale = u, false
	}
	if !plan.PasswordWOVersion.IsNull() && !plan.PasswordWOVersion.Equal(state.PasswordWOVersion) {
		pw := password(ctx, req.Config, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		if known(pw) {
			u, err := r.client.SetUserPassword(ctx, id, pw.ValueString())
			if err != nil {
				framework.AddAPIError(&resp.Diagnostics, "Unable to Set the Password of "+what, err)
				return
			}
			latest, stale = u, false
		}
	}
	if latest == nil || stale {
		u, err := r.client.GetUser(ctx, id)
		if err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what+" After Update", err)
			return
		}
		latest = u
	}
	plan.save(ctx, latest, &resp.State, &resp.Diagnostics)
}

func (r *userResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.DeleteUser(ctx, state.ID.ValueString())
	if err != nil && !logto.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Delete "+what, err)
	}
}

func (r *userResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid Import ID", "Import a logto_user by its Logto ID.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// addUserError explains Logto's answers to user writes.
func addUserError(diags *diag.Diagnostics, summary string, err error) {
	detail := framework.ErrorDetail(err)
	if apiErr, ok := logto.AsError(err); ok {
		switch apiErr.Code {
		case "user.username_already_in_use", "user.email_already_in_use", "user.phone_already_in_use":
			detail += "\n\nAnother user holds this identifier. Choose another one, or import the existing user " +
				"(the logto_user data source finds it by username or primary_email)."
		}
	}
	diags.AddError(summary, detail)
}
