package user

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
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
	_ datasource.DataSourceWithConfigure        = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*userDataSource)(nil)
)

type userDataSource struct {
	client *logto.Client
}

// dataSourceModel is the logto_user data source.
type dataSourceModel struct {
	Model
	HasPassword types.Bool     `tfsdk:"has_password"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

// NewDataSource returns the logto_user data source.
func NewDataSource() datasource.DataSource { return &userDataSource{} }

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (d *userDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *userDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	lookup := func(desc string, v []validator.String) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc + " Set exactly one of `id`, `username` and `primary_email`.",
			Optional:            true,
			Computed:            true,
			Validators:          append([]validator.String{stringvalidator.LengthAtLeast(1)}, v...),
		}
	}
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	profile := map[string]schema.Attribute{}
	for _, f := range profileFields {
		profile[f.attr] = str(profileDescriptions[f.attr])
	}
	address := map[string]schema.Attribute{}
	for _, f := range addressFields {
		address[f.attr] = str(addressDescriptions[f.attr])
	}
	profile["address"] = schema.SingleNestedAttribute{MarkdownDescription: descAddress, Computed: true, Attributes: address}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Logto user, by `id`, by exact `username` (case included) or by " +
			"`primary_email` (ignoring case, as Logto does when it keeps emails unique). It is an error when no " +
			"user matches.",
		Attributes: map[string]schema.Attribute{
			"id":            lookup(descID, nil),
			"username":      lookup(descUsername, usernameValidators()),
			"primary_email": lookup(descEmail, emailValidators()),
			"primary_phone": str(descPhone),
			"name":          str(descName),
			"avatar":        str(descAvatar),
			"custom_data": schema.StringAttribute{
				MarkdownDescription: descCustomData, CustomType: framework.CanonicalJSONType{}, Computed: true,
			},
			"profile":      schema.SingleNestedAttribute{MarkdownDescription: descProfile, Computed: true, Attributes: profile},
			"is_suspended": schema.BoolAttribute{MarkdownDescription: descSuspended, Computed: true},
			"has_password": schema.BoolAttribute{MarkdownDescription: descHasPassword, Computed: true},
			"created_at": schema.StringAttribute{
				MarkdownDescription: descCreatedAt, CustomType: timetypes.RFC3339Type{}, Computed: true,
			},
			"timeouts": timeouts.Attributes(ctx),
		},
	}
}

func (d *userDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("username"), path.MatchRoot("primary_email")),
	}
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m dataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	ctx, cancel := framework.WithTimeout(ctx, m.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	var u *logto.User
	switch {
	case !m.ID.IsNull():
		var err error
		u, err = d.client.GetUser(ctx, m.ID.ValueString())
		if logto.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("id"), what+" Not Found",
				fmt.Sprintf("No user has the ID %q.", m.ID.ValueString()))
			return
		}
		if err != nil {
			framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
			return
		}
	case !m.Username.IsNull():
		u = d.one(ctx, path.Root("username"), "username", m.Username.ValueString(), d.client.UsersWithUsername, &resp.Diagnostics)
	default:
		u = d.one(ctx, path.Root("primary_email"), "primary email", m.PrimaryEmail.ValueString(), d.client.UsersWithPrimaryEmail, &resp.Diagnostics)
	}
	if u == nil {
		return
	}
	resp.Diagnostics.Append(m.FromAPI(u)...)
	m.HasPassword = types.BoolValue(u.HasPassword)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &m)...)
}

// one looks a user up by a unique field; nil (with an error) when none or
// several match.
func (d *userDataSource) one(ctx context.Context, p path.Path, field, value string,
	find func(context.Context, string) ([]logto.User, error), diags interface {
		AddAttributeError(path.Path, string, string)
		AddError(string, string)
	}) *logto.User {
	users, err := find(ctx, value)
	if err != nil {
		diags.AddError("Unable to Read "+what, framework.ErrorDetail(err))
		return nil
	}
	switch len(users) {
	case 0:
		diags.AddAttributeError(p, what+" Not Found", fmt.Sprintf("No user has the %s %q.", field, value))
		return nil
	case 1:
		return &users[0]
	}
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	diags.AddAttributeError(p, "Several Logto Users Match",
		fmt.Sprintf("%d users have the %s %q (IDs %s); look the user up by id instead.", len(users), field, value, strings.Join(ids, ", ")))
	return nil
}
