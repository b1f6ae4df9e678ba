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
			"known, and again before anything changes. The set is changed in steps against a fresh read of the "+
			"roles held: the roles to add first, in one request that Logto applies whole or not at all, then "+
			"each role to take away, so a failed apply never takes away a role that stays in `role_ids`.\n\n"+
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
	r.apply(ctx, &plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.set(ctx, resp.State.SetAttribute, plan, &resp.Diagnostics)
}

func (r *setResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := r.get(ctx, req.Plan.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	r.apply(ctx, &plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.set(ctx, resp.State.SetAttribute, plan, &resp.Diagnostics)
}

// apply makes the planned set the holder's roles and reads them back into m.
//
// It never sends Logto's PUT of a holder's roles. In Logto 1.42 that PUT
// removes the roles not listed and then inserts the new ones with a single
// statement; for applications the insert fails when there is nothing to add,
// so every PUT that only removes roles or keeps the same set (`[]` included)
// answers 422 entity.invalid_input "Invalid input. Value list must not be
// empty." after its removals took effect. For both holders the PUT is also
// not transactional: a role of the wrong type fails the insert after the
// removals. Instead, the difference with a fresh read is applied by the
// routes that change one thing each, the same way for applications and
// users: one POST with the roles to add (Logto skips roles already held, and
// checks types and ids before it adds anything) and then one DELETE per role
// to take away (404: already gone). Both may be repeated after a lost
// answer. Adding first means a failure leaves every role that stays.
func (r *setResource) apply(ctx context.Context, m *setModel, diags *diag.Diagnostics) {
	if diags.HasError() {
		return
	}
	wanted, _ := knownStrings(ctx, m.RoleIDs, diags)
	holderID := m.HolderID.ValueString()
	summary := "Unable to Set " + r.what()
	current, err := r.heldIDs(ctx, holderID)
	if err != nil {
		r.h.linkError(diags, summary, err)
		return
	}
	// The types are checked first to name every wrong role; Logto's POST
	// would refuse them with a code only.
	if added := without(wanted, current); len(added) > 0 {
		if err := r.h.Check(r.client, ctx, added); err != nil {
			r.h.roleCheckDiag(diags, path.Root("role_ids"), summary, err)
			return
		}
		if err := r.h.Assign(r.client, ctx, holderID, added); err != nil {
			r.h.linkError(diags, summary, err)
			return
		}
	}
	if !r.removeAll(ctx, holderID, without(current, wanted), diags, summary) {
		return
	}
	// Read the set back: it is what Logto holds now.
	roles, err := r.h.List(r.client, ctx, holderID)
	if err != nil {
		framework.AddAPIError(diags, "Unable to Read "+r.what()+" After Setting Them", err)
		return
	}
	m.ID = types.StringValue(holderID)
	m.RoleIDs = roleIDSet(ctx, roles)
}

// heldIDs lists the ids of the roles the holder holds now.
func (r *setResource) heldIDs(ctx context.Context, holderID string) ([]string, error) {
	roles, err := r.h.List(r.client, ctx, holderID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(roles))
	for i, role := range roles {
		ids[i] = role.ID
	}
	return ids, nil
}

// removeAll takes each role away from the holder, one DELETE each; a 404
// means the link is gone already. It reports whether every role is gone.
func (r *setResource) removeAll(ctx context.Context, holderID string, roleIDs []string, diags *diag.Diagnostics, summary string) bool {
	for _, roleID := range roleIDs {
		if err := r.h.Remove(r.client, ctx, holderID, roleID); err != nil && !logto.IsNotFound(err) {
			r.h.linkError(diags, summary, err)
			return false
		}
	}
	return true
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

// Delete takes every role away from the holder, as the resource documents:
// the set is authoritative, so it manages every role the holder holds, those
// given outside Terraform since the last refresh included. The roles are
// read fresh and removed one by one (see apply for why not by PUT); a
// holder that is gone (404) has nothing left to remove.
func (r *setResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state := r.get(ctx, req.State.GetAttribute, &resp.Diagnostics)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	holderID := state.HolderID.ValueString()
	summary := "Unable to Remove " + r.what()
	held, err := r.heldIDs(ctx, holderID)
	if logto.IsNotFound(err) {
		return
	}
	if err != nil {
		r.h.linkError(&resp.Diagnostics, summary, err)
		return
	}
	r.removeAll(ctx, holderID, held, &resp.Diagnostics, summary)
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
