package organization

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const whatRole = "Logto Organization Role"

var (
	_ resource.ResourceWithConfigure   = (*roleResource)(nil)
	_ resource.ResourceWithImportState = (*roleResource)(nil)
)

type roleResource struct {
	client *logto.Client
}

// NewRoleResource returns the logto_organization_role resource.
func NewRoleResource() resource.Resource { return &roleResource{} }

// RoleModel holds the attributes an organization role has in the resource
// and the data source.
type RoleModel struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	Description          types.String `tfsdk:"description"`
	Type                 types.String `tfsdk:"type"`
	OrganizationScopeIDs types.Set    `tfsdk:"organization_scope_ids"`
	ResourceScopeIDs     types.Set    `tfsdk:"resource_scope_ids"`
}

type roleResourceModel struct {
	RoleModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (m *RoleModel) fromAPI(role *logto.OrganizationRole, scopeIDs, resourceScopeIDs []string) {
	m.ID = types.StringValue(role.ID)
	m.Name = types.StringValue(role.Name)
	m.Description = types.StringPointerValue(role.Description)
	m.Type = types.StringValue(role.Type)
	m.OrganizationScopeIDs = stringSet(scopeIDs)
	m.ResourceScopeIDs = stringSet(resourceScopeIDs)
}

func (r *roleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization_role"
}

func (r *roleResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// readRole reads a role with its scopes (every page) into m.
func readRole(ctx context.Context, c *logto.Client, role *logto.OrganizationRole, m *RoleModel) diag.Diagnostics {
	var diags diag.Diagnostics
	scopes, err := c.ListOrganizationRoleScopeIDs(ctx, role.ID)
	if err != nil {
		framework.AddAPIError(&diags, "Unable to Read the Scopes of "+whatRole, err)
		return diags
	}
	resourceScopes, err := c.ListOrganizationRoleResourceScopeIDs(ctx, role.ID)
	if err != nil {
		framework.AddAPIError(&diags, "Unable to Read the API Resource Scopes of "+whatRole, err)
		return diags
	}
	m.fromAPI(role, scopes, resourceScopes)
	return diags
}

// setScopes replaces the role's scope sets that the plan sets and that
// differ from prev (nil for a new role, whose sets are empty). Each PUT is
// transactional: an unknown id (422) changes nothing.
func (r *roleResource) setScopes(ctx context.Context, id string, plan, prev *RoleModel, diags *diag.Diagnostics) {
	var held RoleModel
	if prev != nil {
		held = *prev
	}
	for _, s := range []struct {
		title         string
		planned, prev types.Set
		put           func(context.Context, string, []string) error
	}{
		{"Organization Scopes", plan.OrganizationScopeIDs, held.OrganizationScopeIDs, r.client.ReplaceOrganizationRoleScopes},
		{"API Resource Scopes", plan.ResourceScopeIDs, held.ResourceScopeIDs, r.client.ReplaceOrganizationRoleResourceScopes},
	} {
		wanted, ok := setStrings(ctx, s.planned, diags)
		if !ok || (prev != nil && s.planned.Equal(s.prev)) || (prev == nil && len(wanted) == 0) {
			continue
		}
		if err := s.put(ctx, id, wanted); err != nil {
			framework.AddAPIError(diags, "Unable to Set the "+s.title+" of "+whatRole, err)
			return
		}
	}
}

func (r *roleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan roleResourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	in := logto.OrganizationRoleCreate{Name: plan.Name.ValueString(), Type: plan.Type.ValueString()}
	if known(plan.Description) {
		in.Description = plan.Description.ValueStringPointer()
	}
	// Created without scopes, which are set afterwards: the role is tracked
	// before any scope id is sent, so a wrong id fails the apply with the
	// role in the state (tainted), never left behind untracked.
	role, err := r.client.CreateOrganizationRole(ctx, in)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Create "+whatRole, err)
		return
	}
	tflog.Debug(ctx, "Created Logto organization role", map[string]any{"id": role.ID})
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), role.ID)...)
	r.setScopes(ctx, role.ID, &plan.RoleModel, nil, &resp.Diagnostics)
	resp.Diagnostics.Append(readRole(ctx, r.client, role, &plan.RoleModel)...)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &plan)...)
}

func (r *roleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state roleResourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	role, err := r.client.RefreshOrganizationRole(ctx, id)
	if framework.RemoveIfNotFound(ctx, err, resp, whatRole, id) {
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+whatRole, err)
		return
	}
	resp.Diagnostics.Append(readRole(ctx, r.client, role, &state.RoleModel)...)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &state)...)
}

func (r *roleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state roleResourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	var patch logto.OrganizationRolePatch
	if !plan.Name.Equal(state.Name) {
		patch.Name = plan.Name.ValueStringPointer()
	}
	if known(plan.Description) && !plan.Description.Equal(state.Description) {
		patch.Description = plan.Description.ValueStringPointer()
	}
	var role *logto.OrganizationRole
	var err error
	if patch.Name != nil || patch.Description != nil {
		role, err = r.client.UpdateOrganizationRole(ctx, id, patch)
	} else {
		role, err = r.client.GetOrganizationRole(ctx, id)
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Update "+whatRole, err)
		return
	}
	// Scopes change in place: the role is never replaced for them.
	r.setScopes(ctx, id, &plan.RoleModel, &state.RoleModel, &resp.Diagnostics)
	resp.Diagnostics.Append(readRole(ctx, r.client, role, &plan.RoleModel)...)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &plan)...)
}

func (r *roleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state roleResourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteOrganizationRole(ctx, state.ID.ValueString()); err != nil && !logto.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Delete "+whatRole, err)
	}
}

func (r *roleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid Import ID", "Import a logto_organization_role by its Logto ID.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}
