package role

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// Types lists the role types.
var Types = []string{logto.RoleTypeUser, logto.RoleTypeMachineToMachine}

// Attribute descriptions shared by the resource and the data source.
const (
	descID          = "Logto's ID of the role."
	descName        = "Name of the role, unique in the tenant (1 to 128 characters)."
	descDescription = "Description of the role (1 to 128 characters). Logto requires one; when omitted, the role is created with its name as description, and a description changed later in the Console is left alone."
	descType        = "Who the role is for: `User` (assigned to users) or `MachineToMachine` (assigned to machine-to-machine applications). Defaults to `User`. Logto cannot change a role's type: changing it, or removing `type = \"MachineToMachine\"`, replaces the role."
	descIsDefault   = "Whether Logto assigns this role to every new user (`User` roles only)."
	descScopeIDs    = "IDs of the API resource scopes (`logto_api_resource_scope.<name>.id`) the role grants. Authoritative when set: scopes linked in Logto but missing here are unlinked, and changing the set adds and removes links without replacing the role. Omit it to leave the links as they are in Logto (they are still read, every page of them); set `[]` to unlink every scope."
)

func (r *roleResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = ResourceSchema(ctx)
}

// ResourceSchema is the schema of logto_role.
func ResourceSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A role (Logto RBAC): a named set of API resource scopes, given to users (`User` roles) " +
			"or to machine-to-machine applications (`MachineToMachine` roles).\n\n" +
			"The role is created first and its scopes are linked afterwards: Logto answers 404 to a create that " +
			"names an unknown scope id but keeps the role, so linking separately means a wrong scope id fails " +
			"with the role already tracked in the state (marked tainted, replaced at the next apply), never " +
			"left behind untracked.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: descID,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: descName,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 128)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: descDescription,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 128)},
				PlanModifiers:       []planmodifier.String{descriptionDefault{}},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: descType,
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(logto.RoleTypeUser),
				Validators:          []validator.String{stringvalidator.OneOf(Types...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"is_default": schema.BoolAttribute{
				MarkdownDescription: descIsDefault + " Omit to leave it as it is in Logto (`false` for a new role).",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"scope_ids": schema.SetAttribute{
				MarkdownDescription: descScopeIDs,
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

// descriptionDefault plans an omitted description: the state's value for an
// existing role (unmanaged), the role's name for a new one (Logto requires a
// description; the Console's own default is empty, which Logto refuses).
type descriptionDefault struct{}

func (descriptionDefault) Description(context.Context) string {
	return "Defaults to the role's name at creation, then keeps the value Logto has."
}

func (d descriptionDefault) MarkdownDescription(ctx context.Context) string {
	return d.Description(ctx)
}

func (descriptionDefault) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	if !req.StateValue.IsNull() {
		resp.PlanValue = req.StateValue
		return
	}
	var name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, req.Path.ParentPath().AtName("name"), &name)...)
	if !name.IsUnknown() && !name.IsNull() {
		resp.PlanValue = name
	}
}
