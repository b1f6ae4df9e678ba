package organization

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const whatMembers = "Logto Organization Members"

var (
	_ resource.ResourceWithConfigure   = (*membersResource)(nil)
	_ resource.ResourceWithImportState = (*membersResource)(nil)
)

type membersResource struct {
	client *logto.Client
}

// NewMembersResource returns the logto_organization_members resource.
func NewMembersResource() resource.Resource { return &membersResource{} }

type membersModel struct {
	ID       types.String   `tfsdk:"id"`
	OrgID    types.String   `tfsdk:"organization_id"`
	UserIDs  types.Set      `tfsdk:"user_ids"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (r *membersResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization_members"
}

func (r *membersResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *membersResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The whole set of users in an organization: users in the organization but not listed in " +
			"`user_ids` (added in the Console, or provisioned just in time) are removed by the next apply, and " +
			"destroying the resource removes every member. Members who stay keep their organization roles; the " +
			"set is replaced in one transaction.\n\n" +
			"Do not use this resource together with `logto_organization_member` for the same organization: each " +
			"would undo the other's changes on every apply. Use `logto_organization_member` to give roles, or to " +
			"manage some members among others added elsewhere. With just-in-time provisioning, new members " +
			"appear on their own: this resource would remove them.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The organization's ID, also the import ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"organization_id": schema.StringAttribute{
				MarkdownDescription: "ID of the organization. Changing it replaces the resource.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"user_ids": schema.SetAttribute{
				MarkdownDescription: "IDs of the users (`logto_user.<name>.id`) in the organization; `[]` removes every member.",
				ElementType:         types.StringType,
				Required:            true,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"timeouts": timeouts.AttributesAll(ctx),
		},
	}
}

// replace makes the planned users the organization's and reads them back.
func (r *membersResource) replace(ctx context.Context, m *membersModel, summary string, diags *diag.Diagnostics) bool {
	ids, _ := setStrings(ctx, m.UserIDs, diags)
	orgID := m.OrgID.ValueString()
	if err := r.client.ReplaceOrganizationMembers(ctx, orgID, logto.OrganizationUsers, ids); err != nil {
		framework.AddAPIError(diags, summary, err)
		return false
	}
	got, err := r.client.ListOrganizationMemberIDs(ctx, orgID, logto.OrganizationUsers)
	if err != nil {
		framework.AddAPIError(diags, "Unable to Read "+whatMembers, err)
		return false
	}
	m.ID = types.StringValue(orgID)
	m.UserIDs = stringSet(got)
	return !diags.HasError()
}

func (r *membersResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan membersModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() || !r.replace(ctx, &plan, "Unable to Create "+whatMembers, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &plan)...)
}

func (r *membersResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state membersModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	orgID := state.OrgID.ValueString()
	// The member list of a missing organization is empty, not 404: the
	// organization itself says whether it is gone.
	_, err := r.client.RefreshOrganization(ctx, orgID)
	if framework.RemoveIfNotFound(ctx, err, resp, "Logto Organization", orgID) {
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+whatMembers, err)
		return
	}
	ids, err := r.client.ListOrganizationMemberIDs(ctx, orgID, logto.OrganizationUsers)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+whatMembers, err)
		return
	}
	state.ID = types.StringValue(orgID)
	state.UserIDs = stringSet(ids)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &state)...)
}

func (r *membersResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan membersModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() || !r.replace(ctx, &plan, "Unable to Update "+whatMembers, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &plan)...)
}

// Delete removes every member.
func (r *membersResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state membersModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.ReplaceOrganizationMembers(ctx, state.OrgID.ValueString(), logto.OrganizationUsers, nil)
	if err != nil && !logto.IsNotFound(err) && !isForeignKeyError(err) {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Remove "+whatMembers, err)
	}
}

func (r *membersResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid Import ID", "Import a logto_organization_members by the organization's ID.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("organization_id"), req.ID)...)
}

// isForeignKeyError reports Logto's answer for a missing related row (an
// organization deleted meanwhile).
func isForeignKeyError(err error) bool {
	e, ok := logto.AsError(err)
	return ok && e.Code == "entity.relation_foreign_key_not_found"
}
