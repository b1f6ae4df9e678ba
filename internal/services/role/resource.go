// Package role implements logto_role and the logto_role data source.
package role

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const what = "Logto Role"

var (
	_ resource.Resource                = (*roleResource)(nil)
	_ resource.ResourceWithConfigure   = (*roleResource)(nil)
	_ resource.ResourceWithImportState = (*roleResource)(nil)
)

type roleResource struct {
	client *logto.Client
}

// NewResource returns the logto_role resource.
func NewResource() resource.Resource { return &roleResource{} }

func (r *roleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role"
}

func (r *roleResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *roleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	wanted := scopeIDs(ctx, plan.ScopeIDs, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// The role is created WITHOUT its scopes, which are linked afterwards.
	// Logto inserts a role before it checks the scopeIds of the create: an
	// unknown scope id answers 404 yet leaves the role behind, and a create
	// that failed leaves nothing in Terraform's state, so that role would be
	// untracked (and its name taken). Created alone, the role's id is in the
	// state before any scope id is sent; a bad scope id then fails the apply
	// with the role tracked (tainted: the next apply replaces it).
	role, err := r.client.CreateRole(ctx, logto.RoleCreate{
		Name:        plan.Name.ValueString(),
		Description: plan.Description.ValueString(),
		Type:        plan.Type.ValueString(),
		IsDefault:   knownBool(plan.IsDefault),
	})
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Create "+what, err)
		return
	}
	tflog.Debug(ctx, "Created Logto role", map[string]any{"id": role.ID})
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), role.ID)...)
	if len(wanted) > 0 {
		if err := r.client.AddRoleScopes(ctx, role.ID, wanted); err != nil {
			// Keep everything else known in the state, so that the tainted
			// role is complete; scope_ids holds what is linked.
			resp.Diagnostics.Append(r.saveWithScopes(ctx, &plan, role, &resp.State)...)
			framework.AddAPIError(&resp.Diagnostics, "Unable to Link Scopes to "+what, err)
			return
		}
	}
	resp.Diagnostics.Append(r.saveWithScopes(ctx, &plan, role, &resp.State)...)
}

// stateSetter is the part of tfsdk.State the CRUD methods write.
type stateSetter interface {
	Set(context.Context, any) diag.Diagnostics
}

// saveWithScopes reads the role's scope links (every page) and saves the
// role with them as state.
func (r *roleResource) saveWithScopes(ctx context.Context, m *resourceModel, role *logto.Role, state stateSetter) diag.Diagnostics {
	var diags diag.Diagnostics
	scopes, err := r.client.ListRoleScopes(ctx, role.ID)
	if err != nil {
		framework.AddAPIError(&diags, "Unable to Read the Scopes of "+what, err)
		return diags
	}
	diags.Append(m.FromAPI(ctx, role, scopes)...)
	diags.Append(state.Set(ctx, m)...)
	return diags
}

func (r *roleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	role, err := r.client.RefreshRole(ctx, id)
	if framework.RemoveIfNotFound(ctx, err, resp, what, id) {
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	resp.Diagnostics.Append(r.saveWithScopes(ctx, &state, role, &resp.State)...)
}

func (r *roleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	var role *logto.Role
	var err error
	if patch, changed := plan.toPatch(&state.Model); changed {
		// PATCH /api/roles/{id} answers the updated role.
		if role, err = r.client.UpdateRole(ctx, id, patch); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Update "+what, err)
			return
		}
	} else if role, err = r.client.GetRole(ctx, id); err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	// Links change in place, one by one: the role is never replaced.
	if !plan.ScopeIDs.IsUnknown() && !plan.ScopeIDs.Equal(state.ScopeIDs) {
		add, remove := linkChanges(scopeIDs(ctx, state.ScopeIDs, &resp.Diagnostics), scopeIDs(ctx, plan.ScopeIDs, &resp.Diagnostics))
		for _, scopeID := range remove {
			if err := r.client.RemoveRoleScope(ctx, id, scopeID); err != nil && !logto.IsNotFound(err) {
				framework.AddAPIError(&resp.Diagnostics, fmt.Sprintf("Unable to Unlink Scope %s from %s", scopeID, what), err)
				resp.Diagnostics.Append(r.saveWithScopes(ctx, &plan, role, &resp.State)...)
				return
			}
		}
		if len(add) > 0 {
			if err := r.client.AddRoleScopes(ctx, id, add); err != nil {
				framework.AddAPIError(&resp.Diagnostics, "Unable to Link Scopes to "+what, err)
				resp.Diagnostics.Append(r.saveWithScopes(ctx, &plan, role, &resp.State)...)
				return
			}
		}
	}
	resp.Diagnostics.Append(r.saveWithScopes(ctx, &plan, role, &resp.State)...)
}

func (r *roleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.DeleteRole(ctx, state.ID.ValueString())
	if err != nil && !logto.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Delete "+what, err)
	}
}

func (r *roleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid Import ID", "Import a logto_role by its Logto ID.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

func knownBool(v interface {
	IsUnknown() bool
	IsNull() bool
	ValueBoolPointer() *bool
}) *bool {
	if !known(v) {
		return nil
	}
	return v.ValueBoolPointer()
}
