package organization

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const (
	descRoleName        = "Name of the organization role, unique in the template (1 to 128 characters)."
	descRoleDescription = "Description of the role (up to 256 characters)."
	descRoleType        = "Who holds the role: `User` (members) or `MachineToMachine` (applications in an organization)."
	descRoleScopeIDs    = "IDs of the organization scopes (`logto_organization_scope.<name>.id`) the role grants."
	descRoleResScopeIDs = "IDs of API resource scopes (`logto_api_resource_scope.<name>.id`) the role grants in organization tokens for that API."
	roleSetRule         = " Authoritative when set: scopes linked in Logto but missing here are unlinked; changes are made in place (one transactional request), never by replacing the role. Omit it to leave the links as they are in Logto; `[]` unlinks every scope."
)

func (r *roleResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	ids := []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthBetween(1, 21))}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An organization role of the organization template, shared by every organization: a named " +
			"set of organization scopes and API resource scopes, held by members (`User` roles, through " +
			"`logto_organization_member`) or by machine-to-machine applications in an organization " +
			"(`MachineToMachine` roles, through `logto_organization_application`).\n\n" +
			"The role is created first and its scopes are linked afterwards, so a wrong scope id fails the " +
			"apply with the role already tracked in the state (tainted, replaced at the next apply).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Logto's ID of the organization role.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: descRoleName,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 128)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: descRoleDescription + " Omit to leave it as it is in Logto.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtMost(256)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: descRoleType + " Defaults to `User`. Changing it replaces the role, since members of the other kind could not hold it.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(logto.RoleTypeUser),
				Validators:          []validator.String{stringvalidator.OneOf(logto.RoleTypeUser, logto.RoleTypeMachineToMachine)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"organization_scope_ids": schema.SetAttribute{
				MarkdownDescription: descRoleScopeIDs + roleSetRule,
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Validators:          ids,
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"resource_scope_ids": schema.SetAttribute{
				MarkdownDescription: descRoleResScopeIDs + roleSetRule,
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Validators:          ids,
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"timeouts": timeouts.AttributesAll(ctx),
		},
	}
}
