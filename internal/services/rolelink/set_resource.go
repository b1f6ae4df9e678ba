package rolelink

import (
	"context"
	"fmt"
	"slices"
	"sort"

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

var (
	_ resource.ResourceWithConfigure   = (*setResource)(nil)
	_ resource.ResourceWithImportState = (*setResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*setResource)(nil)
)

// setResource is logto_<holder>_roles: the whole set of one holder's roles.
type setResource struct {
	h      Holder
	client *logto.Client
}

// NewSetResource returns the authoritative logto_<holder>_roles resource.
func NewSetResource(h Holder) resource.Resource { return &setResource{h: h} }

// setModel is the state of a set resource; the holder id attribute is read
// and written by path, since its name depends on the holder.
type setModel struct {
	ID       types.String
	HolderID types.String
	RoleIDs  types.Set
	Timeouts timeouts.Value
}

func (r *setResource) what() string { return "Logto " + r.h.Title + " Roles" }

func (r *setResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.h.Name + "_roles"
}

func (r *setResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *setResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("The whole set of roles of %s: roles given in Logto but not listed in "+
			"`role_ids` are taken away, and destroying the resource takes every role away. Only %s roles can be "+
			"given. The type of every role added is checked (one request per role) at plan time when its id is "+
			"known, and again before anything changes, because Logto replaces the set in steps: a role of the "+
			"wrong type would fail only after the other roles were already taken away.\n\n"+
			"Do not use this resource together with `logto_%s_role` for the same %s: each would undo the other's "+
			"changes on every apply. Use this resource to own all the roles, or `logto_%s_role` for the links you "+
			"manage among others made elsewhere.%s",
			r.h.Phrase, r.h.RoleType, r.h.Name, r.h.Name, r.h.Name, r.h.SetNotes),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The %s's ID, also the import ID.", r.h.Name),
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			r.h.idAttr(): schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("ID of the %s. Changing it replaces the resource.", r.h.Name),
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"role_ids": schema.SetAttribute{
				MarkdownDescription: fmt.Sprintf("IDs of the %s roles the %s holds; `[]` takes every role away.", r.h.RoleType, r.h.Name),
				ElementType:         types.StringType,
				Required:            true,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"timeouts": timeouts.AttributesAll(ctx),
		},
	}
}

func (r *setResource) get(ctx context.Context, getAttr func(context.Context, path.Path, any) diag.Diagnostics, diags *diag.Diagnostics) setModel {
	var m setModel
	diags.Append(getAttr(ctx, path.Root("id"), &m.ID)...)
	diags.Append(getAttr(ctx, path.Root(r.h.idAttr()), &m.HolderID)...)
	diags.Append(getAttr(ctx, path.Root("role_ids"), &m.RoleIDs)...)
	diags.Append(getAttr(ctx, path.Root("timeouts"), &m.Timeouts)...)
	return m
}

func (r *setResource) set(ctx context.Context, setAttr func(context.Context, path.Path, any) diag.Diagnostics, m setModel, diags *diag.Diagnostics) {
	diags.Append(setAttr(ctx, path.Root("id"), m.ID)...)
	diags.Append(setAttr(ctx, path.Root(r.h.idAttr()), m.HolderID)...)
	diags.Append(setAttr(ctx, path.Root("role_ids"), m.RoleIDs)...)
	diags.Append(setAttr(ctx, path.Root("timeouts"), m.Timeouts)...)
}

// ModifyPlan checks, at plan time, the type of every role the plan adds, so
// that a role of the wrong type is reported before apply. Roles whose ids
// are only known after apply are checked by Create and Update.
func (r *setResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	plan := r.get(ctx, req.Plan.GetAttribute, &resp.Diagnostics)
	var held []string
	if !req.State.Raw.IsNull() {
		state := r.get(ctx, req.State.GetAttribute, &resp.Diagnostics)
		held, _ = knownStrings(ctx, state.RoleIDs, &resp.Diagnostics)
	}
	wanted, ok := knownStrings(ctx, plan.RoleIDs, &resp.Diagnostics)
	if !ok || resp.Diagnostics.HasError() {
		return
	}
	if added := without(wanted, held); len(added) > 0 {
		if err := r.h.Check(r.client, ctx, added); err != nil {
			r.h.roleCheckDiag(&resp.Diagnostics, path.Root("role_ids"), "Unable to Check the Roles of "+r.what(), err)
		}
	}
}

func (r *setResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan := r.get(ctx, req.Plan.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	r.replace(ctx, &plan, nil, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.set(ctx, resp.State.SetAttribute, plan, &resp.Diagnostics)
}

func (r *setResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := r.get(ctx, req.Plan.GetAttribute, &resp.Diagnostics)
	state := r.get(ctx, req.State.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	held, _ := knownStrings(ctx, state.RoleIDs, &resp.Diagnostics)
	r.replace(ctx, &plan, held, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.set(ctx, resp.State.SetAttribute, plan, &resp.Diagnostics)
}

// replace checks the types of the roles not held yet, makes the planned set
// the holder's roles, and reads them back into m.
func (r *setResource) replace(ctx context.Context, m *setModel, held []string, diags *diag.Diagnostics) {
	if diags.HasError() {
		return
	}
	wanted, _ := knownStrings(ctx, m.RoleIDs, diags)
	holderID := m.HolderID.ValueString()
	summary := "Unable to Set " + r.what()
	// Logto's PUT is not transactional: a role of the wrong type fails after
	// the roles not wanted any more were removed. Check first.
	if added := without(wanted, held); len(added) > 0 {
		if err := r.h.Check(r.client, ctx, added); err != nil {
			r.h.roleCheckDiag(diags, path.Root("role_ids"), summary, err)
			return
		}
	}
	if err := r.h.Replace(r.client, ctx, holderID, wanted); err != nil {
		r.h.linkError(diags, summary, err)
		return
	}
	// Logto answers the PUT with "OK" (applications) or the ids sent
	// (users): read the set back.
	roles, err := r.h.List(r.client, ctx, holderID)
	if err != nil {
		framework.AddAPIError(diags, "Unable to Read "+r.what()+" After Setting Them", err)
		return
	}
	m.ID = types.StringValue(holderID)
	m.RoleIDs = roleIDSet(ctx, roles)
}

func (r *setResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state := r.get(ctx, req.State.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	holderID := state.HolderID.ValueString()
	roles, err := r.h.List(r.client, ctx, holderID)
	if framework.RemoveIfNotFound(ctx, err, resp, "Logto "+r.h.Title, holderID) {
		return
	}
	if err != nil {
		r.h.linkError(&resp.Diagnostics, "Unable to Read "+r.what(), err)
		return
	}
	state.ID = types.StringValue(holderID)
	state.RoleIDs = roleIDSet(ctx, roles)
	r.set(ctx, resp.State.SetAttribute, state, &resp.Diagnostics)
}

// Delete takes every role away from the holder.
func (r *setResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state := r.get(ctx, req.State.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.h.Replace(r.client, ctx, state.HolderID.ValueString(), []string{})
	if err != nil && !logto.IsNotFound(err) {
		r.h.linkError(&resp.Diagnostics, "Unable to Remove "+r.what(), err)
	}
}

// ImportState takes the holder's id.
func (r *setResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Import a logto_%s_roles by the %s's ID.", r.h.Name, r.h.Name))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(r.h.idAttr()), req.ID)...)
}

// knownStrings returns the elements of a set; false when the set or one of
// its elements is unknown or null.
func knownStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) ([]string, bool) {
	if s.IsNull() || s.IsUnknown() {
		return nil, false
	}
	for _, e := range s.Elements() {
		if e.IsUnknown() || e.IsNull() {
			return nil, false
		}
	}
	out := []string{}
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	return out, true
}

// without returns the elements of a that are not in b, in a's order.
func without(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// roleIDSet returns the ids of roles as a set value.
func roleIDSet(ctx context.Context, roles []logto.Role) types.Set {
	ids := make([]string, 0, len(roles))
	for _, r := range roles {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	v, _ := types.SetValueFrom(ctx, types.StringType, ids) // strings into a set of strings: no diagnostics
	return v
}
