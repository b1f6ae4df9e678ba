package organization

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/framework/validators"
)

// Attribute descriptions shared by the resource and the data source.
const (
	descOrgID          = "Logto's ID of the organization."
	descOrgName        = "Name of the organization (1 to 128 characters). Names may repeat in Logto."
	descOrgDescription = "Description of the organization (up to 256 characters)."
	descOrgCustomData  = "Arbitrary JSON object stored with the organization (`customData`), written with `jsonencode()`. It is kept in the form `jsonencode()` writes (keys sorted, no spaces), so Logto's key order never causes a diff, after an import either."
	descOrgMFA         = "Whether members must set up multi-factor authentication to sign in to this organization."
	descOrgBranding    = "Logos shown on the sign-in page when a member signs in to this organization."
	descOrgCreatedAt   = "When the organization was created (RFC 3339)."
	descJITDomains     = "Email domains (such as `acme.com`) whose users become members just in time: a user who signs up or signs in with a verified email address in one of them joins the organization."
	descJITRoles       = "IDs of the organization roles (`User` type) given to members provisioned just in time."
	descJITConnectors  = "IDs of the enterprise SSO connectors (`logto_sso_connector.<name>.id`) whose users become members just in time when they sign in through the connector."
	jitAuthoritative   = " Authoritative when set: entries added in the Console show as a diff and are removed by the next apply; `[]` removes every entry. Omit it to leave the entries as they are in Logto (they are still read)."
)

func (r *organizationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = ResourceSchema(ctx)
}

// ResourceSchema is the schema of logto_organization.
func ResourceSchema(ctx context.Context) schema.Schema {
	unmanagedSet := []planmodifier.Set{setplanmodifier.UseStateForUnknown()}
	idItems := []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthBetween(1, 128))}
	return schema.Schema{
		MarkdownDescription: "An organization: one of your customers in a multi-tenant (B2B) application. Its members " +
			"and machine-to-machine applications get organization roles from the template shared by every " +
			"organization (`logto_organization_role`, `logto_organization_scope`).\n\n" +
			"Just-in-time provisioning adds users as members when they sign in with a verified email address " +
			"of one of `jit_email_domains`, or through one of `jit_sso_connector_ids`; they then get " +
			"`jit_role_ids`. Each of the three sets is authoritative when set and left alone when omitted.\n\n" +
			"Organization names may repeat in Logto. When the answer to a create is lost, the provider looks " +
			"for an organization of the same name created since the request was sent and adopts it; an " +
			"organization of the same name created by someone else in that moment could be adopted instead.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: descOrgID,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: descOrgName,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 128)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: descOrgDescription + " Omit to leave it as it is in Logto.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtMost(256)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"custom_data": schema.StringAttribute{
				MarkdownDescription: descOrgCustomData + " Omit to leave it as it is in Logto; `jsonencode({})` clears it.",
				CustomType:          framework.CanonicalJSONType{},
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validators.JSONObject()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"is_mfa_required": schema.BoolAttribute{
				MarkdownDescription: descOrgMFA + " Omit to leave it as it is in Logto (`false` for a new organization).",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"branding": schema.SingleNestedAttribute{
				MarkdownDescription: descOrgBranding + " Omit to leave the logos as they are in Logto; favicons set in the Console are kept either way.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"logo_url": schema.StringAttribute{
						MarkdownDescription: "URL of the logo for the light theme (`http` or `https`).",
						Optional:            true,
						Validators:          []validator.String{validators.HTTPURL()},
					},
					"dark_logo_url": schema.StringAttribute{
						MarkdownDescription: "URL of the logo for the dark theme (`http` or `https`).",
						Optional:            true,
						Validators:          []validator.String{validators.HTTPURL()},
					},
				},
			},
			"jit_email_domains": schema.SetAttribute{
				MarkdownDescription: descJITDomains + " Each is a domain name alone, lowercase, without `@`." + jitAuthoritative,
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(JITEmailDomain())},
				PlanModifiers:       unmanagedSet,
			},
			"jit_role_ids": schema.SetAttribute{
				MarkdownDescription: descJITRoles + " Checked at plan time when known: an unknown id or a `MachineToMachine` role is refused before anything changes." + jitAuthoritative,
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Validators:          idItems,
				PlanModifiers:       unmanagedSet,
			},
			"jit_sso_connector_ids": schema.SetAttribute{
				MarkdownDescription: descJITConnectors + jitAuthoritative,
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Validators:          idItems,
				PlanModifiers:       unmanagedSet,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: descOrgCreatedAt,
				CustomType:          timetypes.RFC3339Type{},
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"timeouts": timeouts.AttributesAll(ctx),
		},
	}
}
