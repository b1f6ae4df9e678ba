package application

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

var _ datasource.DataSourceWithConfigure = (*applicationsDataSource)(nil)

type applicationsDataSource struct {
	client *logto.Client
}

type applicationsModel struct {
	Types        types.Set      `tfsdk:"types"`
	Applications []Model        `tfsdk:"applications"`
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
}

// NewListDataSource returns the logto_applications data source.
func NewListDataSource() datasource.DataSource { return &applicationsDataSource{} }

func (d *applicationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_applications"
}

func (d *applicationsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *applicationsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the applications of the Logto tenant (every page), optionally only those of some types.",
		Attributes: map[string]schema.Attribute{
			"types": schema.SetAttribute{
				MarkdownDescription: "Keep only applications of these types (`Native`, `SPA`, `Traditional`, " +
					"`MachineToMachine`, `Protected`). All types when unset.",
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(Types...)),
				},
			},
			"applications": schema.ListNestedAttribute{
				MarkdownDescription: "The applications, newest first as Logto lists them, each once.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: dataSourceAttributes()},
			},
			"timeouts": timeouts.Attributes(ctx),
		},
	}
}

func (d *applicationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m applicationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	ctx, cancel := framework.WithTimeout(ctx, m.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	opts := logto.ListApplicationsOptions{}
	if appTypes, ok := stringsOf(ctx, m.Types, &resp.Diagnostics); ok {
		opts.Types = appTypes
	}
	apps, err := d.client.ListApplications(ctx, opts)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to List Logto Applications", err)
		return
	}
	var diags diag.Diagnostics
	m.Applications, diags = modelsFromAPI(ctx, apps)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &m)...)
}

// modelsFromAPI converts a listing, keeping the first of several entries
// with the same id: offset paging shifts when applications are created
// while it runs, and an application may then be listed twice.
func modelsFromAPI(ctx context.Context, apps []logto.Application) ([]Model, diag.Diagnostics) {
	var diags diag.Diagnostics
	seen := make(map[string]bool, len(apps))
	out := make([]Model, 0, len(apps))
	for i := range apps {
		if seen[apps[i].ID] {
			continue
		}
		seen[apps[i].ID] = true
		var m Model
		diags.Append(m.FromAPI(ctx, &apps[i])...)
		out = append(out, m)
	}
	return out, diags
}
