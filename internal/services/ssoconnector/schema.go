package ssoconnector

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework/validators"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// Attribute descriptions shared by the resource and the data source.
const (
	descID            = "Logto's ID of the connector (12 lowercase letters and digits)."
	descProviderName  = "The identity provider: `OIDC`, `SAML`, `AzureAD` (Microsoft Entra ID with SAML), `AzureAdOidc` (Microsoft Entra ID with OpenID Connect), `GoogleWorkspace` or `Okta`. `SAML` and `AzureAD` take a `saml` block, the others an `oidc` block."
	descConnectorName = "Name of the connector, unique in the tenant (1 to 128 characters); shown in the Console."
	descDomains       = "Email domains routed to this connector: a user who enters `someone@<domain>` on the sign-in page is sent to this identity provider. Lowercase domain names (`acme.com`, `eu.acme.com`); public email domains such as `gmail.com` are refused by Logto."
	descBranding      = "How the connector's button looks on the sign-in page."
	descSyncProfile   = "Whether Logto updates the user's profile (name, avatar, email) from the identity provider at every sign-in; when `false`, only at the first sign-in."
	descTokenStorage  = "Whether Logto stores the identity provider's tokens, so that your app can call the provider's APIs on the user's behalf (OIDC family). Needs Logto's secret vault: Logto Cloud has it, self-hosted Logto refuses `true` with `request.feature_not_supported`."
	descRedirectURI   = "The redirect (callback) URI to register in the identity provider's app (for Microsoft Entra ID: the app registration's **Authentication > Web > Redirect URIs**): `<endpoint>/callback/<id>`, built as the Logto Console shows it, from the origin of the provider's `endpoint`. Logto's answer does not carry it: when your users reach Logto through another address (a custom domain, or the provider talks to Logto over an internal URL), register `https://<that domain>/callback/<id>` instead. Null for SAML connectors."
	descSAMLACSURL    = "Logto's assertion consumer service (ACS) URL, where the identity provider posts SAML responses (Entra ID: **Reply URL**; Okta: **Single sign-on URL**). Taken from Logto's answer. Null for OIDC-family connectors."
	descSAMLSPEntity  = "Logto's service provider entity ID (audience URI) for this connector (Entra ID: **Identifier (Entity ID)**; Okta: **Audience URI**). Taken from Logto's answer. Null for OIDC-family connectors."
	descCreatedAt     = "When the connector was created (RFC 3339, UTC)."

	descClientID        = "The client (application) ID of the app registered in the identity provider."
	descIssuer          = "The issuer URL; Logto fetches `<issuer>/.well-known/openid-configuration` from it when the connector is created or its configuration changes, and refuses a configuration whose discovery document it cannot read. Required, except for `GoogleWorkspace`, whose issuer is fixed (`https://accounts.google.com`) and must be left out. For Entra ID use the tenant's own issuer, `https://login.microsoftonline.com/<tenant-id>/v2.0`."
	descScope           = "Extra scopes to request, space-separated; Logto always requests `openid profile email`. Omit for none."
	descTrustUnverified = "Whether Logto trusts the email address the identity provider returns even when the provider does not mark it verified. Defaults to `false`."
	descMetadataURL     = "URL of the identity provider's SAML metadata, which Logto fetches (Entra ID: **App Federation Metadata Url**)."
	descMetadata        = "The identity provider's SAML metadata XML, inline."
	descEntityID        = "The identity provider's entity ID (issuer), when its metadata is given piece by piece; needs `sign_in_endpoint` and `x509_certificate`."
	descSignInEndpoint  = "The identity provider's single sign-on URL (HTTP-Redirect binding), when its metadata is given piece by piece."
	descX509Cert        = "The identity provider's signing certificate in PEM encoding (`-----BEGIN CERTIFICATE-----` …), when its metadata is given piece by piece."
	descAttrMapping     = "Which SAML assertion attributes fill Logto's user fields; each omitted field uses Logto's default (`id` = the NameID, `email` = `email`, `name` = `name`)."
)

func (r *ssoConnectorResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = ResourceSchema(ctx)
}

// ResourceSchema is the schema of logto_sso_connector.
func ResourceSchema(ctx context.Context) schema.Schema {
	computedURL := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc,
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		}
	}
	optionalString := func(desc string, v ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc,
			Optional:            true,
			Validators:          append([]validator.String{stringvalidator.LengthAtLeast(1)}, v...),
		}
	}
	return schema.Schema{
		MarkdownDescription: "An enterprise SSO connector: sign-in through a customer's identity provider " +
			"(Microsoft Entra ID, Okta, Google Workspace, or any OpenID Connect or SAML 2.0 provider), chosen " +
			"by the domain of the email address the user enters.\n\n" +
			"Logto contacts the identity provider when a connector is created and whenever its configuration " +
			"changes (OIDC family: the issuer's discovery document; SAML: the metadata), and refuses a " +
			"configuration it cannot use: the identity provider must be reachable from the Logto server.\n\n" +
			"Logto replaces a connector's configuration as a whole and checks it again, client secret " +
			"included, on every change. Updates therefore send a configuration built from what Logto holds " +
			"(keys set in the Console that this resource does not model are kept) with the planned changes; " +
			"when the secret is given write-only, the secret Logto already holds is sent back unchanged " +
			"unless `client_secret_wo_version` changed.\n\n" +
			"The `oidc` or `saml` block is managed only when present: without it, the connector is created " +
			"without configuration and whatever is configured later in the Console is left alone.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: descID,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"provider_name": schema.StringAttribute{
				MarkdownDescription: descProviderName + " Changing it replaces the connector.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(logto.SSOProviderNames...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"connector_name": schema.StringAttribute{
				MarkdownDescription: descConnectorName,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 128)},
			},
			"domains": schema.SetAttribute{
				MarkdownDescription: descDomains + " Omit to leave the domains as they are in Logto; set `[]` to remove them all.",
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(EmailDomain())},
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"branding": schema.SingleNestedAttribute{
				MarkdownDescription: descBranding + " Omit to leave it as it is in Logto; when set, it is the whole branding (an omitted field is removed).",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"display_name": optionalString("Text of the sign-in button, instead of the connector name."),
					"logo":         optionalString("URL of the logo shown on the button (light theme)."),
					"dark_logo":    optionalString("URL of the logo shown on the button in dark mode."),
				},
			},
			"sync_profile": schema.BoolAttribute{
				MarkdownDescription: descSyncProfile + " Omit to leave it as it is in Logto (`false` for a new connector).",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"enable_token_storage": schema.BoolAttribute{
				MarkdownDescription: descTokenStorage + " Omit to leave it as it is in Logto (`false` for a new connector).",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"oidc": schema.SingleNestedAttribute{
				MarkdownDescription: "Configuration of an OIDC-family connector (`OIDC`, `AzureAdOidc`, `GoogleWorkspace`, `Okta`). " +
					"Set exactly one of `client_secret` and `client_secret_wo`.",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"client_id": schema.StringAttribute{
						MarkdownDescription: descClientID,
						Required:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"client_secret": schema.StringAttribute{
						MarkdownDescription: "The client secret, stored in the state (sensitive). Logto returns it in clear, so a secret changed in the Console shows as a change. Prefer `client_secret_wo` to keep it out of the state.",
						Optional:            true,
						Sensitive:           true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"client_secret_wo": schema.StringAttribute{
						MarkdownDescription: "The client secret, write-only (Terraform 1.11 and later): sent to Logto, never stored in the state or the plan. It is sent when the connector is created and whenever `client_secret_wo_version` changes; other updates send back the secret Logto holds. A secret changed in the Console cannot be noticed. Needs `client_secret_wo_version`.",
						Optional:            true,
						Sensitive:           true,
						WriteOnly:           true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"client_secret_wo_version": schema.Int64Attribute{
						MarkdownDescription: "Any number that you change (bump) to send a new `client_secret_wo` to Logto.",
						Optional:            true,
					},
					"issuer": optionalString(descIssuer, validators.HTTPURL()),
					"scope":  optionalString(descScope),
					"trust_unverified_email": schema.BoolAttribute{
						MarkdownDescription: descTrustUnverified,
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(false),
					},
				},
			},
			"saml": schema.SingleNestedAttribute{
				MarkdownDescription: "Configuration of a SAML-family connector (`SAML`, `AzureAD`): the identity provider's " +
					"metadata, given by exactly one of `metadata_url`, `metadata`, or `entity_id` + `sign_in_endpoint` + `x509_certificate`.",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"metadata_url":     optionalString(descMetadataURL, validators.HTTPURL()),
					"metadata":         optionalString(descMetadata, SAMLMetadataXML()),
					"entity_id":        optionalString(descEntityID),
					"sign_in_endpoint": optionalString(descSignInEndpoint, validators.HTTPURL()),
					"x509_certificate": optionalString(descX509Cert, PEMCertificate()),
					"attribute_mapping": schema.SingleNestedAttribute{
						MarkdownDescription: descAttrMapping,
						Optional:            true,
						Attributes: map[string]schema.Attribute{
							"id":    optionalString("Attribute holding the user's unique ID."),
							"email": optionalString("Attribute holding the user's email address."),
							"name":  optionalString("Attribute holding the user's display name."),
						},
					},
				},
			},
			"redirect_uri":      computedURL(descRedirectURI),
			"saml_acs_url":      computedURL(descSAMLACSURL),
			"saml_sp_entity_id": computedURL(descSAMLSPEntity),
			"created_at": schema.StringAttribute{
				MarkdownDescription: descCreatedAt,
				CustomType:          timetypes.RFC3339Type{},
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"timeouts": timeouts.AttributesAll(ctx),
		},
	}
}
