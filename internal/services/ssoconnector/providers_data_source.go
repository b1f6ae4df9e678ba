package ssoconnector

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

var _ datasource.DataSourceWithConfigure = (*providersDataSource)(nil)

type providersDataSource struct {
	client *logto.Client
}

// NewProvidersDataSource returns the logto_sso_connector_providers data
// source.
func NewProvidersDataSource() datasource.DataSource { return &providersDataSource{} }

type providersModel struct {
	Providers []providerModel `tfsdk:"providers"`
	Timeouts  timeouts.Value  `tfsdk:"timeouts"`
}

type providerModel struct {
	ProviderName types.String `tfsdk:"provider_name"`
	ProviderType types.String `tfsdk:"provider_type"`
	Name         types.String `tfsdk:"name"`
	Description  types.String `tfsdk:"description"`
	Logo         types.String `tfsdk:"logo"`
	LogoDark     types.String `tfsdk:"logo_dark"`
}

func (d *providersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sso_connector_providers"
}

func (d *providersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *providersDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the enterprise SSO providers this Logto supports (`provider_name` values of " +
			"`logto_sso_connector`), in Logto's order, with the names and logos the Console shows.",
		Attributes: map[string]schema.Attribute{
			"providers": schema.ListNestedAttribute{
				MarkdownDescription: "The providers.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"provider_name": computed("Value for `logto_sso_connector.provider_name`, e.g. `AzureAdOidc`."),
					"provider_type": computed("`oidc` or `saml`: which configuration block a connector of this provider takes."),
					"name":          computed("Display name, e.g. `Microsoft Entra ID (OIDC)`."),
					"description":   computed("Description (English)."),
					"logo":          computed("Logo as a data: URL (light theme)."),
					"logo_dark":     computed("Logo as a data: URL (dark theme)."),
				}},
			},
			"timeouts": timeouts.Attributes(ctx),
		},
	}
}

func (d *providersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m providersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := framework.WithTimeout(ctx, m.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	providers, err := d.client.ListSSOConnectorProviders(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read Logto SSO Connector Providers", err)
		return
	}
	m.Providers = make([]providerModel, len(providers))
	for i, p := range providers {
		m.Providers[i] = providerModel{
			ProviderName: types.StringValue(p.ProviderName),
			ProviderType: types.StringValue(p.ProviderType),
			Name:         types.StringValue(p.Name),
			Description:  types.StringValue(p.Description),
			Logo:         types.StringValue(p.Logo),
			LogoDark:     types.StringValue(p.LogoDark),
		}
	}
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &m)...)
}
