package organization

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

var (
	_ datasource.DataSourceWithConfigure        = (*organizationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*organizationDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*roleDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*roleDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*scopeDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*scopeDataSource)(nil)
)

func isNotFound(err error) bool { return logto.IsNotFound(err) }

type organizationDataSource struct{ client *logto.Client }

// NewDataSource returns the logto_organization data source.
func NewDataSource() datasource.DataSource { return &organizationDataSource{} }

type organizationDataSourceModel struct {
	Model
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (d *organizationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization"
}

func (d *organizationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *organizationDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := idNameAttributes(descOrgID, "Name of the organization. Names may repeat in Logto: several matches are an error (look the organization up by `id` then).")
	attrs["description"] = schema.StringAttribute{MarkdownDescription: descOrgDescription, Computed: true}
	attrs["custom_data"] = schema.StringAttribute{MarkdownDescription: descOrgCustomData, CustomType: framework.CanonicalJSONType{}, Computed: true}
	attrs["is_mfa_required"] = schema.BoolAttribute{MarkdownDescription: descOrgMFA, Computed: true}
	attrs["branding"] = schema.SingleNestedAttribute{
		MarkdownDescription: descOrgBranding,
		Computed:            true,
		Attributes: map[string]schema.Attribute{
			"logo_url":      schema.StringAttribute{MarkdownDescription: "URL of the logo for the light theme.", Computed: true},
			"dark_logo_url": schema.StringAttribute{MarkdownDescription: "URL of the logo for the dark theme.", Computed: true},
		},
	}
	attrs["jit_email_domains"] = schema.SetAttribute{MarkdownDescription: descJITDomains, ElementType: types.StringType, Computed: true}
	attrs["jit_role_ids"] = schema.SetAttribute{MarkdownDescription: descJITRoles, ElementType: types.StringType, Computed: true}
	attrs["jit_sso_connector_ids"] = schema.SetAttribute{MarkdownDescription: descJITConnectors, ElementType: types.StringType, Computed: true}
	attrs["created_at"] = schema.StringAttribute{MarkdownDescription: descOrgCreatedAt, CustomType: timetypes.RFC3339Type{}, Computed: true}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Logto organization, by `id` or by exact `name`, with its just-in-time provisioning settings.",
		Attributes:          withTimeouts(ctx, attrs),
	}
}

func (d *organizationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOfIDName()
}

func (d *organizationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m organizationDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	ctx, cancel := framework.WithTimeout(ctx, m.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	org := lookup(ctx, lookupSpec[logto.Organization]{
		noun: "organization", title: what, get: d.client.GetOrganization, named: d.client.OrganizationsNamed,
		idOf: func(o *logto.Organization) string { return o.ID },
	}, m.ID, m.Name, &resp.Diagnostics)
	if org == nil {
		return
	}
	j, err := readJIT(ctx, d.client, org.ID)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read the Just-in-Time Settings of "+what, err)
		return
	}
	resp.Diagnostics.Append(m.FromAPI(org, j)...)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &m)...)
}

type roleDataSource struct{ client *logto.Client }

// NewRoleDataSource returns the logto_organization_role data source.
func NewRoleDataSource() datasource.DataSource { return &roleDataSource{} }

type roleDataSourceModel struct {
	RoleModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (d *roleDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization_role"
}

func (d *roleDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *roleDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := idNameAttributes("Logto's ID of the organization role.", descRoleName)
	attrs["description"] = schema.StringAttribute{MarkdownDescription: descRoleDescription, Computed: true}
	attrs["type"] = schema.StringAttribute{MarkdownDescription: descRoleType, Computed: true}
	attrs["organization_scope_ids"] = schema.SetAttribute{MarkdownDescription: descRoleScopeIDs, ElementType: types.StringType, Computed: true}
	attrs["resource_scope_ids"] = schema.SetAttribute{MarkdownDescription: descRoleResScopeIDs, ElementType: types.StringType, Computed: true}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one organization role of the organization template, by `id` or by exact `name`, with the ids of every scope it grants.",
		Attributes:          withTimeouts(ctx, attrs),
	}
}

func (d *roleDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOfIDName()
}

func (d *roleDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m roleDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	ctx, cancel := framework.WithTimeout(ctx, m.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	role := lookup(ctx, lookupSpec[logto.OrganizationRole]{
		noun: "organization role", title: whatRole, get: d.client.GetOrganizationRole, named: d.client.OrganizationRolesNamed,
		idOf: func(r *logto.OrganizationRole) string { return r.ID },
	}, m.ID, m.Name, &resp.Diagnostics)
	if role == nil {
		return
	}
	resp.Diagnostics.Append(readRole(ctx, d.client, role, &m.RoleModel)...)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &m)...)
}

type scopeDataSource struct{ client *logto.Client }

// NewScopeDataSource returns the logto_organization_scope data source.
func NewScopeDataSource() datasource.DataSource { return &scopeDataSource{} }

func (d *scopeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization_scope"
}

func (d *scopeDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *scopeDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := idNameAttributes("Logto's ID of the scope.", descScopeName)
	attrs["description"] = schema.StringAttribute{MarkdownDescription: descScopeDescription, Computed: true}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one organization scope (a permission of the organization template), by `id` or by exact `name`.",
		Attributes:          withTimeouts(ctx, attrs),
	}
}

func (d *scopeDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOfIDName()
}

func (d *scopeDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m struct {
		ID          types.String   `tfsdk:"id"`
		Name        types.String   `tfsdk:"name"`
		Description types.String   `tfsdk:"description"`
		Timeouts    timeouts.Value `tfsdk:"timeouts"`
	}
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	ctx, cancel := framework.WithTimeout(ctx, m.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	scope := lookup(ctx, lookupSpec[logto.OrganizationScope]{
		noun: "organization scope", title: whatScope, get: d.client.GetOrganizationScope, named: d.client.OrganizationScopesNamed,
		idOf: func(s *logto.OrganizationScope) string { return s.ID },
	}, m.ID, m.Name, &resp.Diagnostics)
	if scope == nil {
		return
	}
	m.ID, m.Name, m.Description = types.StringValue(scope.ID), types.StringValue(scope.Name), types.StringPointerValue(scope.Description)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &m)...)
}
