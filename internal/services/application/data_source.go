package application

import (
	"context"
	"fmt"
	"slices"
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
	_ datasource.DataSourceWithConfigure        = (*applicationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*applicationDataSource)(nil)
)

type applicationDataSource struct {
	client *logto.Client
}

// NewDataSource returns the logto_application data source.
func NewDataSource() datasource.DataSource { return &applicationDataSource{} }

func (d *applicationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application"
}

func (d *applicationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *applicationDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourceAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: descID + " Set exactly one of `id` and `name`.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["name"] = schema.StringAttribute{
		MarkdownDescription: descName + " Looked up by exact, case-sensitive match; it is an error when no " +
			"application or more than one has this name. Set exactly one of `id` and `name`.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["timeouts"] = timeouts.Attributes(ctx)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Logto application, by `id` or by exact `name`. " +
			"The application's secrets are not exposed here.",
		Attributes: attrs,
	}
}

func (d *applicationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

// dataSourceModel is the logto_application data source: one application
// and the read timeout.
type dataSourceModel struct {
	Model
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (d *applicationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m dataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	ctx, cancel := framework.WithTimeout(ctx, m.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	var app *logto.Application
	var err error
	if !m.ID.IsNull() {
		app, err = d.client.GetApplication(ctx, m.ID.ValueString())
		if logto.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Logto Application Not Found",
				fmt.Sprintf("No application has the ID %q.", m.ID.ValueString()))
			return
		}
	} else {
		app, err = d.findByName(ctx, m.Name.ValueString(), &resp.Diagnostics)
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	if app == nil {
		return
	}
	resp.Diagnostics.Append(m.FromAPI(ctx, app)...)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &m)...)
}

// findByName lists every application (all pages) and keeps the exact match.
func (d *applicationDataSource) findByName(ctx context.Context, name string, diags interface {
	AddAttributeError(path.Path, string, string)
}) (*logto.Application, error) {
	// Logto's search narrows the listing to the applications whose id, name
	// or description match the name case-insensitively (`%` and `_` act as
	// wildcards, which only widens the answer); the exact match is kept below.
	// A backslash would act as an escape, so such names are looked up in the
	// full listing.
	opts := logto.ListApplicationsOptions{}
	if !strings.Contains(name, `\`) {
		opts.Search = name
	}
	apps, err := d.client.ListApplications(ctx, opts)
	if err != nil {
		return nil, err
	}
	found := namedExactly(apps, name)
	switch len(found) {
	case 0:
		diags.AddAttributeError(path.Root("name"), "Logto Application Not Found",
			fmt.Sprintf("No application is named %q (names are matched exactly, case included).", name))
		return nil, nil
	case 1:
		return &found[0], nil
	}
	ids := make([]string, len(found))
	for i, a := range found {
		ids[i] = a.ID
	}
	diags.AddAttributeError(path.Root("name"), "Several Logto Applications Match",
		fmt.Sprintf("%d applications are named %q (IDs %s). Logto allows duplicate names; look the "+
			"application up by id instead.", len(found), name, strings.Join(ids, ", ")))
	return nil, nil
}

// namedExactly returns the applications named name, each id once: offset
// paging can list an application twice when others are created meanwhile,
// which must not read as "several applications match".
func namedExactly(apps []logto.Application, name string) []logto.Application {
	var found []logto.Application
	for _, a := range apps {
		if a.Name == name && !slices.ContainsFunc(found, func(f logto.Application) bool { return f.ID == a.ID }) {
			found = append(found, a)
		}
	}
	return found
}
