package ssoconnector

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

var (
	_ datasource.DataSourceWithConfigure        = (*ssoConnectorDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*ssoConnectorDataSource)(nil)
)

type ssoConnectorDataSource struct {
	client *logto.Client
}

// NewDataSource returns the logto_sso_connector data source.
func NewDataSource() datasource.DataSource { return &ssoConnectorDataSource{} }

// dataSourceModel is the logto_sso_connector data source.
type dataSourceModel struct {
	ID                 types.String      `tfsdk:"id"`
	ProviderName       types.String      `tfsdk:"provider_name"`
	ConnectorName      types.String      `tfsdk:"connector_name"`
	Domains            types.Set         `tfsdk:"domains"`
	Branding           types.Object      `tfsdk:"branding"`
	SyncProfile        types.Bool        `tfsdk:"sync_profile"`
	EnableTokenStorage types.Bool        `tfsdk:"enable_token_storage"`
	OIDC               types.Object      `tfsdk:"oidc"`
	SAML               types.Object      `tfsdk:"saml"`
	RedirectURI        types.String      `tfsdk:"redirect_uri"`
	SAMLACSURL         types.String      `tfsdk:"saml_acs_url"`
	SAMLSPEntityID     types.String      `tfsdk:"saml_sp_entity_id"`
	CreatedAt          timetypes.RFC3339 `tfsdk:"created_at"`
	Timeouts           timeouts.Value    `tfsdk:"timeouts"`
}

// dataSourceOIDCAttrTypes is the data source's oidc object: the resource's
// without the secret.
var dataSourceOIDCAttrTypes = map[string]attr.Type{
	"client_id": types.StringType, "issuer": types.StringType, "scope": types.StringType,
	"trust_unverified_email": types.BoolType,
}

type dataSourceOIDCModel struct {
	ClientID             types.String `tfsdk:"client_id"`
	Issuer               types.String `tfsdk:"issuer"`
	Scope                types.String `tfsdk:"scope"`
	TrustUnverifiedEmail types.Bool   `tfsdk:"trust_unverified_email"`
}

func (d *ssoConnectorDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sso_connector"
}

func (d *ssoConnectorDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *ssoConnectorDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one enterprise SSO connector, by `id` or by exact `connector_name`, with its " +
			"configuration (without the client secret) and the values the identity provider's side needs " +
			"(`redirect_uri`, `saml_acs_url`, `saml_sp_entity_id`).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: descID + " Set exactly one of `id` and `connector_name`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"connector_name": schema.StringAttribute{
				MarkdownDescription: descConnectorName + " Matched exactly, case included. Set exactly one of `id` and `connector_name`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"provider_name": computed(descProviderName),
			"domains": schema.SetAttribute{
				MarkdownDescription: descDomains,
				ElementType:         types.StringType,
				Computed:            true,
			},
			"branding": schema.SingleNestedAttribute{
				MarkdownDescription: descBranding,
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"display_name": computed("Text of the sign-in button."),
					"logo":         computed("URL of the logo (light theme)."),
					"dark_logo":    computed("URL of the logo in dark mode."),
				},
			},
			"sync_profile":         schema.BoolAttribute{MarkdownDescription: descSyncProfile, Computed: true},
			"enable_token_storage": schema.BoolAttribute{MarkdownDescription: descTokenStorage, Computed: true},
			"oidc": schema.SingleNestedAttribute{
				MarkdownDescription: "Configuration of an OIDC-family connector (null for SAML connectors, and for a connector without configuration). The client secret is not exposed.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"client_id":              computed(descClientID),
					"issuer":                 computed("The issuer URL (null for Google Workspace, whose issuer is fixed)."),
					"scope":                  computed("Extra scopes requested, as configured (Logto always adds `openid profile email`)."),
					"trust_unverified_email": schema.BoolAttribute{MarkdownDescription: descTrustUnverified, Computed: true},
				},
			},
			"saml": schema.SingleNestedAttribute{
				MarkdownDescription: "Configuration of a SAML-family connector (null for OIDC-family connectors, and for a connector without configuration).",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"metadata_url":     computed(descMetadataURL),
					"metadata":         computed(descMetadata),
					"entity_id":        computed(descEntityID),
					"sign_in_endpoint": computed(descSignInEndpoint),
					"x509_certificate": computed(descX509Cert),
					"attribute_mapping": schema.SingleNestedAttribute{
						MarkdownDescription: descAttrMapping,
						Computed:            true,
						Attributes: map[string]schema.Attribute{
							"id":    computed("Attribute holding the user's unique ID."),
							"email": computed("Attribute holding the user's email address."),
							"name":  computed("Attribute holding the user's display name."),
						},
					},
				},
			},
			"redirect_uri":      computed(descRedirectURI),
			"saml_acs_url":      computed(descSAMLACSURL),
			"saml_sp_entity_id": computed(descSAMLSPEntity),
			"created_at": schema.StringAttribute{
				MarkdownDescription: descCreatedAt,
				CustomType:          timetypes.RFC3339Type{},
				Computed:            true,
			},
			"timeouts": timeouts.Attributes(ctx),
		},
	}
}

func (d *ssoConnectorDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("connector_name")),
	}
}

func (d *ssoConnectorDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m dataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := framework.WithTimeout(ctx, m.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	connector := d.find(ctx, &m, &resp.Diagnostics)
	if connector == nil {
		return
	}
	m.fromAPI(ctx, connector, d.client.Endpoint(), &resp.Diagnostics)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &m)...)
}

// find reads the connector by id, or finds it by exact name; nil after an
// error diagnostic.
func (d *ssoConnectorDataSource) find(ctx context.Context, m *dataSourceModel, diags *diag.Diagnostics) *logto.SSOConnector {
	if !m.ID.IsNull() {
		c, err := d.client.GetSSOConnector(ctx, m.ID.ValueString())
		switch {
		case logto.IsNotFound(err):
			diags.AddAttributeError(path.Root("id"), what+" Not Found", fmt.Sprintf("No SSO connector has the ID %q.", m.ID.ValueString()))
			return nil
		case err != nil:
			framework.AddAPIError(diags, "Unable to Read "+what, err)
			return nil
		}
		return c
	}
	name := m.ConnectorName.ValueString()
	found, err := d.client.SSOConnectorsNamed(ctx, name)
	if err != nil {
		framework.AddAPIError(diags, "Unable to Read "+what, err)
		return nil
	}
	switch len(found) {
	case 0:
		diags.AddAttributeError(path.Root("connector_name"), what+" Not Found",
			fmt.Sprintf("No SSO connector is named %q (names are matched exactly, case included).", name))
		return nil
	case 1:
		// The list answers connectors like GET, providerConfig included.
		return &found[0]
	}
	ids := make([]string, len(found))
	for i, c := range found {
		ids[i] = c.ID
	}
	diags.AddAttributeError(path.Root("connector_name"), "Several Logto SSO Connectors Match",
		fmt.Sprintf("%d connectors are named %q (IDs %s); look the connector up by id instead.", len(found), name, strings.Join(ids, ", ")))
	return nil
}

// fromAPI sets the data source's attributes from the connector: the resource
// model's conversion as for an import, the secret left out.
func (m *dataSourceModel) fromAPI(ctx context.Context, c *logto.SSOConnector, endpoint string, diags *diag.Diagnostics) {
	var r resourceModel
	r.fromAPI(ctx, c, &resourceModel{
		ProviderName: types.StringNull(), SAMLACSURL: types.StringNull(), SAMLSPEntityID: types.StringNull(),
		OIDC: types.ObjectNull(oidcAttrTypes), SAML: types.ObjectNull(samlAttrTypes),
	}, endpoint, diags)
	m.ID, m.ProviderName, m.ConnectorName = r.ID, r.ProviderName, r.ConnectorName
	m.Domains, m.Branding, m.SyncProfile, m.EnableTokenStorage = r.Domains, r.Branding, r.SyncProfile, r.EnableTokenStorage
	m.SAML, m.RedirectURI, m.SAMLACSURL, m.SAMLSPEntityID, m.CreatedAt = r.SAML, r.RedirectURI, r.SAMLACSURL, r.SAMLSPEntityID, r.CreatedAt
	m.OIDC = types.ObjectNull(dataSourceOIDCAttrTypes)
	var o oidcModel
	if objectAs(ctx, r.OIDC, &o, diags) {
		obj, d := types.ObjectValueFrom(ctx, dataSourceOIDCAttrTypes, dataSourceOIDCModel{
			ClientID: o.ClientID, Issuer: o.Issuer, Scope: o.Scope, TrustUnverifiedEmail: o.TrustUnverifiedEmail,
		})
		diags.Append(d...)
		m.OIDC = obj
	}
}
