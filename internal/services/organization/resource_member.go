package organization

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// memberKind describes logto_organization_member (users) and
// logto_organization_application (machine-to-machine applications): one
// member of one organization, with its organization roles.
type memberKind struct {
	typeSuffix  string // "member" or "application"
	collection  string // logto.OrganizationUsers or logto.OrganizationApplications
	idAttr      string // "user_id" or "application_id"
	title       string // "Member" or "Application"
	roleType    string
	description string
}

var (
	userKind = memberKind{
		typeSuffix: "member", collection: logto.OrganizationUsers, idAttr: "user_id", title: "Member",
		roleType: logto.RoleTypeUser,
		description: "One user in an organization, with its organization roles (`User` roles). Other members " +
			"(added in the Console, by just-in-time provisioning, or by other resources of this kind) are left " +
			"alone; destroying the resource removes only this user from the organization.\n\n" +
			"Do not use this resource for an organization whose members a `logto_organization_members` owns: " +
			"that resource would remove the users added here on every apply, and this one would add them back.",
	}
	applicationKind = memberKind{
		typeSuffix: "application", collection: logto.OrganizationApplications, idAttr: "application_id", title: "Application",
		roleType: logto.RoleTypeMachineToMachine,
		description: "One machine-to-machine application in an organization, with its organization roles " +
			"(`MachineToMachine` roles): the application can then get organization tokens for this organization " +
			"(client credentials with the `organization_id` parameter). Other applications are left alone; " +
			"destroying the resource removes only this application from the organization. Only " +
			"`MachineToMachine` applications can join an organization.",
	}
)

var (
	_ resource.ResourceWithConfigure   = (*memberResource)(nil)
	_ resource.ResourceWithImportState = (*memberResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*memberResource)(nil)
)

type memberResource struct {
	k      memberKind
	client *logto.Client
}

// NewMemberResource returns the logto_organization_member resource.
func NewMemberResource() resource.Resource { return &memberResource{k: userKind} }

// NewApplicationResource returns the logto_organization_application
// resource.
func NewApplicationResource() resource.Resource { return &memberResource{k: applicationKind} }

// memberModel is the state of a member resource; the member id attribute is
// read and written by path, since its name depends on the kind.
type memberModel struct {
	ID       types.String
	OrgID    types.String
	MemberID types.String
	RoleIDs  types.Set
	Timeouts timeouts.Value
}

func (r *memberResource) what() string { return "Logto Organization " + r.k.title }

func (r *memberResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization_" + r.k.typeSuffix
}

func (r *memberResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *memberResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replaced := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	rolesDesc := fmt.Sprintf("IDs of the %s organization roles (`logto_organization_role.<name>.id`) the %s holds in "+
		"the organization. Authoritative when set: roles given in the Console but missing here are taken away, and "+
		"changes are made in place. Omit it to leave the roles as they are in Logto; `[]` takes every role away. "+
		"Checked at plan time when the ids are known: an unknown id or a role of the other type is refused before "+
		"anything changes.", r.k.roleType, strings.ToLower(r.k.title))
	resp.Schema = schema.Schema{
		MarkdownDescription: r.k.description,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("`<organization_id>/<%s>`, also the import ID.", r.k.idAttr),
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"organization_id": schema.StringAttribute{
				MarkdownDescription: "ID of the organization. Changing it replaces the resource.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replaced,
			},
			r.k.idAttr: schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("ID of the %s. Changing it replaces the resource.", strings.ToLower(r.k.title)),
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replaced,
			},
			"organization_role_ids": schema.SetAttribute{
				MarkdownDescription: rolesDesc,
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"timeouts": timeouts.AttributesAll(ctx),
		},
	}
}

func (r *memberResource) get(ctx context.Context, getAttr func(context.Context, path.Path, any) diag.Diagnostics, diags *diag.Diagnostics) memberModel {
	var m memberModel
	diags.Append(getAttr(ctx, path.Root("id"), &m.ID)...)
	diags.Append(getAttr(ctx, path.Root("organization_id"), &m.OrgID)...)
	diags.Append(getAttr(ctx, path.Root(r.k.idAttr), &m.MemberID)...)
	diags.Append(getAttr(ctx, path.Root("organization_role_ids"), &m.RoleIDs)...)
	diags.Append(getAttr(ctx, path.Root("timeouts"), &m.Timeouts)...)
	return m
}

func (r *memberResource) set(ctx context.Context, setAttr func(context.Context, path.Path, any) diag.Diagnostics, m memberModel, diags *diag.Diagnostics) {
	diags.Append(setAttr(ctx, path.Root("id"), m.ID)...)
	diags.Append(setAttr(ctx, path.Root("organization_id"), m.OrgID)...)
	diags.Append(setAttr(ctx, path.Root(r.k.idAttr), m.MemberID)...)
	diags.Append(setAttr(ctx, path.Root("organization_role_ids"), m.RoleIDs)...)
	diags.Append(setAttr(ctx, path.Root("timeouts"), m.Timeouts)...)
}

// ModifyPlan checks the roles the plan adds, when their ids are known.
func (r *memberResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	plan := r.get(ctx, req.Plan.GetAttribute, &resp.Diagnostics)
	wanted, ok := setStrings(ctx, plan.RoleIDs, &resp.Diagnostics)
	if !ok || resp.Diagnostics.HasError() {
		return
	}
	var held []string
	if !req.State.Raw.IsNull() {
		state := r.get(ctx, req.State.GetAttribute, &resp.Diagnostics)
		held, _ = setStrings(ctx, state.RoleIDs, &resp.Diagnostics)
	}
	if add := added(wanted, held); len(add) > 0 {
		checkRoles(ctx, r.client, add, r.k.roleType, path.Root("organization_role_ids"), &resp.Diagnostics)
	}
}

// setRoles gives the member the planned roles (when the plan sets them and
// they differ from held). Logto refuses an empty PUT for applications:
// their last roles are taken away one by one.
func (r *memberResource) setRoles(ctx context.Context, m *memberModel, held []string, diags *diag.Diagnostics) {
	wanted, ok := setStrings(ctx, m.RoleIDs, diags)
	if !ok || (len(added(wanted, held)) == 0 && len(added(held, wanted)) == 0) {
		return
	}
	orgID, memberID := m.OrgID.ValueString(), m.MemberID.ValueString()
	summary := "Unable to Set the Roles of " + r.what()
	if len(wanted) > 0 || r.k.collection == logto.OrganizationUsers {
		if err := r.client.ReplaceOrganizationMemberRoles(ctx, orgID, r.k.collection, memberID, wanted); err != nil {
			framework.AddAPIError(diags, summary, err)
		}
		return
	}
	for _, roleID := range held {
		if err := r.client.RemoveOrganizationMemberRole(ctx, orgID, r.k.collection, memberID, roleID); err != nil && !logto.IsNotFound(err) {
			framework.AddAPIError(diags, summary, err)
			return
		}
	}
}

// readRoles reads the member's roles into m; false when it is not a member
// (any more), or the organization is gone.
func (r *memberResource) readRoles(ctx context.Context, m *memberModel, diags *diag.Diagnostics) bool {
	roles, err := r.client.ListOrganizationMemberRoleIDs(ctx, m.OrgID.ValueString(), r.k.collection, m.MemberID.ValueString())
	if logto.IsNotMember(err) || logto.IsNotFound(err) {
		return false
	}
	if err != nil {
		framework.AddAPIError(diags, "Unable to Read "+r.what(), err)
		return true
	}
	m.ID = types.StringValue(m.OrgID.ValueString() + "/" + m.MemberID.ValueString())
	m.RoleIDs = stringSet(roles)
	return true
}

func (r *memberResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan := r.get(ctx, req.Plan.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	orgID, memberID := plan.OrgID.ValueString(), plan.MemberID.ValueString()
	// Adding a member already there succeeds (Logto skips the row): the
	// request may be repeated.
	if err := r.client.AddOrganizationMembers(ctx, orgID, r.k.collection, []string{memberID}); err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Create "+r.what(), err)
		return
	}
	plan.ID = types.StringValue(orgID + "/" + memberID)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), plan.ID)...)
	r.setRoles(ctx, &plan, nil, &resp.Diagnostics)
	if !r.readRoles(ctx, &plan, &resp.Diagnostics) {
		resp.Diagnostics.AddError("Unable to Create "+r.what(), fmt.Sprintf("The %s %s was added to organization %s, "+
			"but is not a member when read back. Was it removed meanwhile?", r.k.idAttr, memberID, orgID))
	}
	r.set(ctx, resp.State.SetAttribute, plan, &resp.Diagnostics)
}

func (r *memberResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state := r.get(ctx, req.State.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.readRoles(ctx, &state, &resp.Diagnostics) {
		resp.Diagnostics.AddWarning(r.what()+" Not Found",
			fmt.Sprintf("The %s %s is no longer in organization %s (it was removed, or the organization deleted, "+
				"outside Terraform). It has been removed from the state, and the next plan will add it again.",
				r.k.idAttr, state.MemberID.ValueString(), state.OrgID.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	r.set(ctx, resp.State.SetAttribute, state, &resp.Diagnostics)
}

func (r *memberResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := r.get(ctx, req.Plan.GetAttribute, &resp.Diagnostics)
	state := r.get(ctx, req.State.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	held, _ := setStrings(ctx, state.RoleIDs, &resp.Diagnostics)
	r.setRoles(ctx, &plan, held, &resp.Diagnostics)
	if !r.readRoles(ctx, &plan, &resp.Diagnostics) {
		resp.Diagnostics.AddError("Unable to Update "+r.what(), fmt.Sprintf("The %s %s is no longer in organization %s.",
			r.k.idAttr, plan.MemberID.ValueString(), plan.OrgID.ValueString()))
		return
	}
	r.set(ctx, resp.State.SetAttribute, plan, &resp.Diagnostics)
}

func (r *memberResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state := r.get(ctx, req.State.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	// 404: the member or the organization is gone already.
	err := r.client.RemoveOrganizationMember(ctx, state.OrgID.ValueString(), r.k.collection, state.MemberID.ValueString())
	if err != nil && !logto.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Delete "+r.what(), err)
	}
}

// ImportState accepts "<organization_id>/<member id>".
func (r *memberResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	orgID, memberID, ok := strings.Cut(req.ID, "/")
	if !ok || orgID == "" || memberID == "" || strings.Contains(memberID, "/") {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Import a logto_organization_%s as <organization_id>/<%s>; got %q.", r.k.typeSuffix, r.k.idAttr, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("organization_id"), orgID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(r.k.idAttr), memberID)...)
}
