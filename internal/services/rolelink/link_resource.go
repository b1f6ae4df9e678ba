package rolelink

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
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

var (
	_ resource.ResourceWithConfigure   = (*linkResource)(nil)
	_ resource.ResourceWithImportState = (*linkResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*linkResource)(nil)
)

// linkResource is logto_<holder>_role: one role given to one holder.
type linkResource struct {
	h      Holder
	client *logto.Client
}

// NewLinkResource returns the additive logto_<holder>_role resource.
func NewLinkResource(h Holder) resource.Resource { return &linkResource{h: h} }

// linkModel is the state of a link resource (the holder id by path, as in
// setModel).
type linkModel struct {
	ID       types.String
	HolderID types.String
	RoleID   types.String
	Timeouts timeouts.Value
}

func (r *linkResource) what() string { return "Logto " + r.h.Title + " Role" }

func (r *linkResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.h.Name + "_role"
}

func (r *linkResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *linkResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replaced := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("One %s role given to %s. Roles given elsewhere (in the Console, or by "+
			"other resources of this kind) are left alone; destroying the resource takes only this role away.\n\n"+
			"Do not use this resource for %s whose roles a `logto_%s_roles` owns: each would undo the other's "+
			"changes on every apply.%s",
			r.h.RoleType, r.h.Phrase, r.h.Phrase, r.h.Name, r.h.LinkNotes),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("`<%s>/<role_id>`, also the import ID.", r.h.idAttr()),
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			r.h.idAttr(): schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("ID of the %s. Changing it replaces the resource.", r.h.Name),
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replaced,
			},
			"role_id": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("ID of a %s role. Changing it replaces the resource.", r.h.RoleType),
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replaced,
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Delete: true}),
		},
	}
}

func (r *linkResource) get(ctx context.Context, getAttr func(context.Context, path.Path, any) diag.Diagnostics, diags *diag.Diagnostics) linkModel {
	var m linkModel
	diags.Append(getAttr(ctx, path.Root("id"), &m.ID)...)
	diags.Append(getAttr(ctx, path.Root(r.h.idAttr()), &m.HolderID)...)
	diags.Append(getAttr(ctx, path.Root("role_id"), &m.RoleID)...)
	diags.Append(getAttr(ctx, path.Root("timeouts"), &m.Timeouts)...)
	return m
}

func (r *linkResource) set(ctx context.Context, setAttr func(context.Context, path.Path, any) diag.Diagnostics, m linkModel, diags *diag.Diagnostics) {
	diags.Append(setAttr(ctx, path.Root("id"), m.ID)...)
	diags.Append(setAttr(ctx, path.Root(r.h.idAttr()), m.HolderID)...)
	diags.Append(setAttr(ctx, path.Root("role_id"), m.RoleID)...)
	diags.Append(setAttr(ctx, path.Root("timeouts"), m.Timeouts)...)
}

// ModifyPlan checks the role's type at plan time when a new link is planned
// with a known role id.
func (r *linkResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() || r.client == nil {
		return
	}
	plan := r.get(ctx, req.Plan.GetAttribute, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || plan.RoleID.IsUnknown() || plan.RoleID.IsNull() {
		return
	}
	if err := r.h.Check(r.client, ctx, []string{plan.RoleID.ValueString()}); err != nil {
		r.h.roleCheckDiag(&resp.Diagnostics, path.Root("role_id"), "Unable to Check the Role of "+r.what(), err)
	}
}

func (r *linkResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan := r.get(ctx, req.Plan.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	holderID, roleID := plan.HolderID.ValueString(), plan.RoleID.ValueString()
	// Logto skips roles the holder has already, so the POST may be repeated,
	// and it checks the role's type before assigning anything.
	if err := r.h.Assign(r.client, ctx, holderID, []string{roleID}); err != nil {
		r.h.linkError(&resp.Diagnostics, "Unable to Create "+r.what(), err)
		return
	}
	plan.ID = types.StringValue(holderID + "/" + roleID)
	r.set(ctx, resp.State.SetAttribute, plan, &resp.Diagnostics)
}

// Read lists the holder's roles and keeps the link when the role is among
// them.
func (r *linkResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state := r.get(ctx, req.State.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	holderID, roleID := state.HolderID.ValueString(), state.RoleID.ValueString()
	roles, err := r.h.List(r.client, ctx, holderID)
	if framework.RemoveIfNotFound(ctx, err, resp, "Logto "+r.h.Title, holderID) {
		return
	}
	if err != nil {
		r.h.linkError(&resp.Diagnostics, "Unable to Read "+r.what(), err)
		return
	}
	for _, role := range roles {
		if role.ID == roleID {
			state.ID = types.StringValue(holderID + "/" + roleID)
			r.set(ctx, resp.State.SetAttribute, state, &resp.Diagnostics)
			return
		}
	}
	resp.Diagnostics.AddWarning(r.what()+" Not Found",
		fmt.Sprintf("The %s %s no longer holds the role %s; it was taken away (or the role deleted) outside "+
			"Terraform. It has been removed from the state, and the next plan will give it again.", r.h.Name, holderID, roleID))
	resp.State.RemoveResource(ctx)
}

// Update only takes a change of timeouts: every other attribute replaces the
// link.
func (r *linkResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := r.get(ctx, req.Plan.GetAttribute, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.set(ctx, resp.State.SetAttribute, plan, &resp.Diagnostics)
}

func (r *linkResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state := r.get(ctx, req.State.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	// 404: the holder, the role or the link is gone already.
	err := r.h.Remove(r.client, ctx, state.HolderID.ValueString(), state.RoleID.ValueString())
	if err != nil && !logto.IsNotFound(err) {
		r.h.linkError(&resp.Diagnostics, "Unable to Delete "+r.what(), err)
	}
}

// ImportState accepts "<holder_id>/<role_id>".
func (r *linkResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	holderID, roleID, ok := strings.Cut(req.ID, "/")
	if !ok || holderID == "" || roleID == "" || strings.Contains(roleID, "/") {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Import a logto_%s_role as <%s>/<role_id>; got %q.", r.h.Name, r.h.idAttr(), req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(r.h.idAttr()), holderID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("role_id"), roleID)...)
}
