package application

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/framework/validators"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// Types lists the application types the resource manages.
var Types = []string{
	logto.ApplicationTypeNative,
	logto.ApplicationTypeSPA,
	logto.ApplicationTypeTraditional,
	logto.ApplicationTypeMachineToMachine,
	logto.ApplicationTypeProtected,
}

func (r *applicationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = ResourceSchema(ctx)
}

// ResourceSchema is the schema of logto_application.
func ResourceSchema(ctx context.Context) schema.Schema {
	uriList := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{
			MarkdownDescription: desc + " Omit to leave the URIs as they are in Logto; set `[]` to clear them.",
			ElementType:         types.StringType,
			Optional:            true,
			Computed:            true,
			Validators:          []validator.List{listvalidator.ValueStringsAre(validators.RedirectURI())},
			PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
		}
	}
	return schema.Schema{
		MarkdownDescription: "An application registered in Logto: a web, single-page, native, machine-to-machine " +
			"or protected app that signs users in or calls APIs with Logto-issued tokens. " +
			"Updates send Logto whole metadata objects built from what Logto holds, so settings this " +
			"resource does not manage (set in the Console) are kept.",
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
			"type": schema.StringAttribute{
				MarkdownDescription: descType,
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(Types...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: descDescription,
				Optional:            true,
			},
			"redirect_uris":             uriList(descRedirect),
			"post_logout_redirect_uris": uriList(descPostLogout),
			"cors_allowed_origins": schema.SetAttribute{
				MarkdownDescription: descCORS + " Omit to leave them as they are in Logto; set `[]` to clear them.",
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(validators.Origin())},
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"id_token_ttl": schema.Int64Attribute{
				MarkdownDescription: descIDTokenTTL,
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"refresh_token_ttl_in_days": schema.Int64Attribute{
				MarkdownDescription: descRefreshTTL,
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 180)},
			},
			"rotate_refresh_token": schema.BoolAttribute{
				MarkdownDescription: descRotate,
				Optional:            true,
			},
			"always_issue_refresh_token": schema.BoolAttribute{
				MarkdownDescription: descAlwaysIssue,
				Optional:            true,
			},
			"is_third_party": schema.BoolAttribute{
				MarkdownDescription: descThirdParty + " Defaults to `false`: removing `is_third_party = true` " +
					"from the configuration replaces the application with a first-party one.",
				Optional:      true,
				Computed:      true,
				Default:       booldefault.StaticBool(false),
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"custom_data": schema.StringAttribute{
				MarkdownDescription: descCustomData + " Omit to leave it as it is in Logto; `jsonencode({})` clears it.",
				CustomType:          framework.CanonicalJSONType{},
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validators.JSONObject()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"protected_app_metadata": schema.SingleNestedAttribute{
				MarkdownDescription: descProtected,
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"sub_domain": schema.StringAttribute{
						MarkdownDescription: descSubDomain,
						Required:            true,
						Validators: []validator.String{
							stringvalidator.RegexMatches(subDomainPattern, "must be a DNS label: lowercase letters, digits and inner hyphens"),
						},
						PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
					},
					"origin": schema.StringAttribute{
						MarkdownDescription: descOrigin,
						Required:            true,
						Validators:          []validator.String{validators.HTTPURL()},
					},
					"host": schema.StringAttribute{
						MarkdownDescription: descHost,
						Computed:            true,
						PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
					},
				},
				PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplaceIf(
					protectedAppAddedOrRemoved, "Adding or removing protected_app_metadata replaces the application.",
					"Adding or removing `protected_app_metadata` replaces the application."),
				},
			},
			"secret": schema.StringAttribute{
				MarkdownDescription: descSecret,
				Computed:            true,
				Sensitive:           true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"store_secret": storeSecretAttribute(),
			"timeouts":     timeouts.AttributesAll(ctx),
			"created_at": schema.StringAttribute{
				MarkdownDescription: descCreatedAt,
				CustomType:          timetypes.RFC3339Type{},
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func protectedAppAddedOrRemoved(_ context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = req.StateValue.IsNull() != req.PlanValue.IsNull()
}
