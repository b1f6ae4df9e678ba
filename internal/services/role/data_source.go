package role

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
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

var (
	_ datasource.DataSourceWithConfigure        = (*roleDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*roleDataSource)(nil)
)

type roleDataSource struct {
	client *logto.Client
}

// NewDataSource returns the logto_role data source.
func NewDataSource() datasource.DataSource { return &roleDataSource{} }

// dataSourceModel is the logto_role data source.
type dataSourceModel struct {
	Model
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (d *roleDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role"
}

func (d *roleDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *roleDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Logto role, by `id` or by exact `name` — for example Logto's built-in " +
			"\"Logto Management API access\" role — with the ids of every scope it grants.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: descID + " Set exactly one of `id` and `name`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: descName + " Matched exactly, case included. Set exactly one of `id` and `name`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"description": schema.StringAttribute{MarkdownDescription: "Description of the role.", Computed: true},
			"type":        schema.StringAttribute{MarkdownDescription: "`User` or `MachineToMachine`.", Computed: true},
			"is_default":  schema.BoolAttribute{MarkdownDescription: descIsDefault, Computed: true},
			"scope_ids": schema.SetAttribute{
				MarkdownDescription: "IDs of the API resource scopes the role grants (every one, however many pages).",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"timeouts": timeouts.Attributes(ctx),
		},
	}
}

func (d *roleDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *roleDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m dataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	ctx, cancel := framework.WithTimeout(ctx, m.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	var role *logto.Role
	if !m.ID.IsNull() {
		var err error
		role, err = d.client.GetRole(ctx, m.ID.ValueString())
		if logto.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), what+" Not Found",
				fmt.Sprintf("No role has the ID %q.", m.ID.ValueString()))
			return
		}
		if err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
			return
		}
	} else {
		name := m.Name.ValueString()
		found, err := d.client.RolesNamed(ctx, name)
		if err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
			return
		}
		switch len(found) {
		case 0:
			resp.Diagnostics.AddAttributeError(path.Root("name"), what+" Not Found",
				fmt.Sprintf("No role is named %q (names are matched exactly, case included).", name))
			return
		case 1:
			role = &found[0]
		default:
			ids := make([]string, len(found))
			for i, r := range found {
				ids[i] = r.ID
			}
			resp.Diagnostics.AddAttributeError(path.Root("name"), "Several Logto Roles Match",
				fmt.Sprintf("%d roles are named %q (IDs %s); look the role up by id instead.", len(found), name, strings.Join(ids, ", ")))
			return
		}
	}
	scopes, err := d.client.ListRoleScopes(ctx, role.ID)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read the Scopes of "+what, err)
		return
	}
	resp.Diagnostics.Append(m.FromAPI(ctx, role, scopes)...)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &m)...)
}
