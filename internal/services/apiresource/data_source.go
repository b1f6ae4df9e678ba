package apiresource

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

var (
	_ datasource.DataSourceWithConfigure        = (*apiResourceDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*apiResourceDataSource)(nil)
)

type apiResourceDataSource struct {
	client *logto.Client
}

// NewDataSource returns the logto_api_resource data source.
func NewDataSource() datasource.DataSource { return &apiResourceDataSource{} }

// dataSourceModel is the logto_api_resource data source.
type dataSourceModel struct {
	Model
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (d *apiResourceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_api_resource"
}

func (d *apiResourceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *apiResourceDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Logto API resource, by `id` or by exact `indicator` — Logto's built-in " +
			"Logto Management API included (`https://default.logto.app/api` on self-hosted Logto, " +
			"`https://<tenant-id>.logto.app/api` on Logto Cloud).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: descID + " Set exactly one of `id` and `indicator`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"indicator": schema.StringAttribute{
				MarkdownDescription: "The API identifier (resource indicator), matched exactly. Set exactly one of `id` and `indicator`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name":             schema.StringAttribute{MarkdownDescription: descName, Computed: true},
			"access_token_ttl": schema.Int64Attribute{MarkdownDescription: descTTL, Computed: true},
			"is_default":       schema.BoolAttribute{MarkdownDescription: descIsDefault, Computed: true},
			"timeouts":         timeouts.Attributes(ctx),
		},
	}
}

func (d *apiResourceDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("indicator")),
	}
}

func (d *apiResourceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m dataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	ctx, cancel := framework.WithTimeout(ctx, m.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	var res *logto.APIResource
	if !m.ID.IsNull() {
		var err error
		res, err = d.client.GetAPIResource(ctx, m.ID.ValueString())
		if logto.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), what+" Not Found",
				fmt.Sprintf("No API resource has the ID %q.", m.ID.ValueString()))
			return
		}
		if err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
			return
		}
	} else {
		indicator := m.Indicator.ValueString()
		found, err := d.client.APIResourcesWithIndicator(ctx, indicator)
		if err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
			return
		}
		switch len(found) {
		case 0:
			resp.Diagnostics.AddAttributeError(path.Root("indicator"), what+" Not Found",
				fmt.Sprintf("No API resource has the indicator %q (matched exactly, case included).", indicator))
			return
		case 1:
			res = &found[0]
		default:
			ids := make([]string, len(found))
			for i, r := range found {
				ids[i] = r.ID
			}
			resp.Diagnostics.AddAttributeError(path.Root("indicator"), "Several Logto API Resources Match",
				fmt.Sprintf("%d API resources have the indicator %q (IDs %s); look the resource up by id instead.",
					len(found), indicator, strings.Join(ids, ", ")))
			return
		}
	}
	m.FromAPI(res)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &m)...)
}
