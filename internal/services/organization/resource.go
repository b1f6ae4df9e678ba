// Package organization implements Logto's organizations: logto_organization
// (with just-in-time provisioning), the organization template
// (logto_organization_scope, logto_organization_role), members
// (logto_organization_members, logto_organization_member), machine-to-machine
// applications in an organization (logto_organization_application), and the
// data sources.
package organization

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const what = "Logto Organization"

var (
	_ resource.ResourceWithConfigure   = (*organizationResource)(nil)
	_ resource.ResourceWithImportState = (*organizationResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*organizationResource)(nil)
)

type organizationResource struct {
	client *logto.Client
}

// NewResource returns the logto_organization resource.
func NewResource() resource.Resource { return &organizationResource{} }

func (r *organizationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization"
}

func (r *organizationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan checks the just-in-time roles the plan adds, when their ids are
// known: Logto answers an unknown id with a bare 422.
func (r *organizationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var plan resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	wanted, ok := setStrings(ctx, plan.JITRoleIDs, &resp.Diagnostics)
	if !ok || resp.Diagnostics.HasError() {
		return
	}
	var held []string
	if !req.State.Raw.IsNull() {
		var state resourceModel
		resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
		held, _ = setStrings(ctx, state.JITRoleIDs, &resp.Diagnostics)
	}
	if add := added(wanted, held); len(add) > 0 {
		checkRoles(ctx, r.client, add, logto.RoleTypeUser, path.Root("jit_role_ids"), &resp.Diagnostics)
	}
}

// stateSetter is the part of tfsdk.State the CRUD methods write.
type stateSetter interface {
	Set(context.Context, any) diag.Diagnostics
}

// save reads the just-in-time settings and saves the organization as state.
func (r *organizationResource) save(ctx context.Context, m *resourceModel, org *logto.Organization, state stateSetter) diag.Diagnostics {
	var diags diag.Diagnostics
	j, err := readJIT(ctx, r.client, org.ID)
	if err != nil {
		framework.AddAPIError(&diags, "Unable to Read the Just-in-Time Settings of "+what, err)
		return diags
	}
	diags.Append(m.FromAPI(org, j)...)
	diags.Append(state.Set(ctx, m)...)
	return diags
}

// applyJIT makes the just-in-time sets set in the plan the organization's,
// each with one transactional PUT, where they differ from held (nil: a new
// organization, whose sets are empty).
func (r *organizationResource) applyJIT(ctx context.Context, orgID string, plan, held *Model, diags *diag.Diagnostics) {
	type jitSet struct {
		title         string
		planned, prev types.Set
		put           func(context.Context, string, []string) error
	}
	var prev Model
	if held != nil {
		prev = *held
	}
	for _, s := range []jitSet{
		{"Email Domains", plan.JITEmailDomains, prev.JITEmailDomains, r.client.ReplaceOrganizationJITEmailDomains},
		{"Roles", plan.JITRoleIDs, prev.JITRoleIDs, r.client.ReplaceOrganizationJITRoles},
		{"SSO Connectors", plan.JITSSOConnectorIDs, prev.JITSSOConnectorIDs, r.client.ReplaceOrganizationJITSSOConnectors},
	} {
		wanted, ok := setStrings(ctx, s.planned, diags)
		if !ok || (held != nil && s.planned.Equal(s.prev)) || (held == nil && len(wanted) == 0) {
			continue
		}
		if err := s.put(ctx, orgID, wanted); err != nil {
			framework.AddAPIError(diags, "Unable to Set the Just-in-Time "+s.title+" of "+what, err)
			return
		}
	}
}

func (r *organizationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	in := plan.toCreate(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, err := r.client.CreateOrganization(ctx, in)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Create "+what, err)
		return
	}
	tflog.Debug(ctx, "Created Logto organization", map[string]any{"id": org.ID})
	// Tracked before the just-in-time settings are sent: a failure there
	// leaves the organization in the state (tainted), never untracked.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), org.ID)...)
	r.applyJIT(ctx, org.ID, &plan.Model, nil, &resp.Diagnostics)
	resp.Diagnostics.Append(r.save(ctx, &plan, org, &resp.State)...)
}

func (r *organizationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	org, err := r.client.RefreshOrganization(ctx, id)
	if framework.RemoveIfNotFound(ctx, err, resp, what, id) {
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	resp.Diagnostics.Append(r.save(ctx, &state, org, &resp.State)...)
}

func (r *organizationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state resourceModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	// A fresh read: branding is replaced whole, and is rebuilt from it.
	org, err := r.client.GetOrganization(ctx, id)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	patch := plan.toPatch(ctx, &state.Model, org, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !patch.Empty() {
		// PATCH /api/organizations/{id} answers the updated row.
		if org, err = r.client.UpdateOrganization(ctx, id, patch); err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Update "+what, err)
			return
		}
	}
	r.applyJIT(ctx, id, &plan.Model, &state.Model, &resp.Diagnostics)
	resp.Diagnostics.Append(r.save(ctx, &plan, org, &resp.State)...)
}

func (r *organizationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state resourceModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteOrganization(ctx, state.ID.ValueString()); err != nil && !logto.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Delete "+what, err)
	}
}

func (r *organizationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid Import ID", "Import a logto_organization by its Logto ID.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}
