package apiresource

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Attribute descriptions shared by the resources and the data source.
const (
	descID        = "Logto's ID of the API resource. The built-in Logto Management API has the ID `management-api`."
	descName      = "Name of the API resource, shown in the Logto Console."
	descIndicator = "The API identifier (RFC 8707 resource indicator) clients request tokens for, an absolute URI such as `https://api.example.com`; it becomes the `aud` claim of the access tokens. Unique in the tenant. Changing it replaces the API resource (and with it its scopes)."
	descTTL       = "Lifetime of access tokens for this API, in seconds. Logto's default is 3600."
	descIsDefault = "Whether this is the tenant's default API resource, used when a client requests a token without a `resource` parameter. Logto keeps at most one default: setting it to `true` here clears it on every other API resource, so set it on one `logto_api_resource` only (two would take it from each other at every apply)."

	descScopeID          = "Logto's ID of the scope."
	descScopeResourceID  = "ID of the API resource the scope belongs to. Changing it replaces the scope."
	descScopeName        = "Name of the scope (permission), for example `read:items`: unique within its API resource, without spaces."
	descScopeDescription = "Free-text description of the scope, shown on consent screens. Omit for none."
)

func (r *apiResourceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = ResourceSchema(ctx)
}

// ResourceSchema is the schema of logto_api_resource.
func ResourceSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "An API resource: an API of yours that Logto issues access tokens for, identified by its " +
			"indicator. Define its permissions with `logto_api_resource_scope` and grant them through `logto_role`.\n\n" +
			"Logto's built-in *Logto Management API* (`https://default.logto.app/api` on self-hosted Logto, ID " +
			"`management-api`) can be imported to manage its name and token lifetime, but Logto refuses to delete " +
			"it (`resource.cannot_delete_management_api`): this resource refuses to plan its deletion or " +
			"replacement; use a `removed` block (or `terraform state rm`) to stop managing it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: descID,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: descName,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 256)},
			},
			"indicator": schema.StringAttribute{
				MarkdownDescription: descIndicator,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 256), AbsoluteURI()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"access_token_ttl": schema.Int64Attribute{
				MarkdownDescription: descTTL + " Omit to keep what Logto has (3600 for a new API resource).",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"is_default": schema.BoolAttribute{
				MarkdownDescription: descIsDefault + " Omit to leave the flag as it is in Logto.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"timeouts": timeouts.AttributesAll(ctx),
		},
	}
}
