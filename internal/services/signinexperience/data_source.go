package signinexperience

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

var _ datasource.DataSourceWithConfigure = (*signInExperienceDataSource)(nil)

type signInExperienceDataSource struct {
	client *logto.Client
}

// NewDataSource returns the logto_sign_in_experience data source.
func NewDataSource() datasource.DataSource { return &signInExperienceDataSource{} }

func (d *signInExperienceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sign_in_experience"
}

func (d *signInExperienceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *signInExperienceDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = DataSourceSchema(ctx)
}

// DataSourceSchema is the schema of the logto_sign_in_experience data source:
// every attribute of the resource, read-only.
func DataSourceSchema(ctx context.Context) schema.Schema {
	attrs := map[string]schema.Attribute{
		"id":       schema.StringAttribute{MarkdownDescription: "Logto's ID of the sign-in experience (`default`).", Computed: true},
		"timeouts": timeouts.Attributes(ctx),
	}
	for _, f := range fieldsOf("") {
		attrs[f.name] = dataSourceAttribute(f)
	}
	for _, g := range groups {
		inner := map[string]schema.Attribute{}
		for _, f := range fieldsOf(g) {
			inner[f.name] = dataSourceAttribute(f)
		}
		attrs[g] = schema.SingleNestedAttribute{MarkdownDescription: descriptions[g], Computed: true, Attributes: inner}
	}
	return schema.Schema{
		MarkdownDescription: "Reads the tenant's sign-in experience: every attribute `logto_sign_in_experience` can " +
			"manage, whether Terraform manages it or not. Links, the support email and custom CSS that are not set are null.",
		Attributes: attrs,
	}
}

// dataSourceAttribute is the data source's read-only attribute for a field.
func dataSourceAttribute(f field) schema.Attribute {
	desc := descriptions[f.id()]
	switch t := f.typ.(type) {
	case types.ListType:
		if f.id() == "sign_in.methods" {
			return schema.ListNestedAttribute{
				MarkdownDescription: desc,
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"identifier":          schema.StringAttribute{MarkdownDescription: descriptions["sign_in.methods.identifier"], Computed: true},
					"password":            schema.BoolAttribute{MarkdownDescription: descriptions["sign_in.methods.password"], Computed: true},
					"verification_code":   schema.BoolAttribute{MarkdownDescription: descriptions["sign_in.methods.verification_code"], Computed: true},
					"is_password_primary": schema.BoolAttribute{MarkdownDescription: descriptions["sign_in.methods.is_password_primary"], Computed: true},
				}},
			}
		}
		return schema.ListAttribute{MarkdownDescription: desc, ElementType: t.ElemType, Computed: true}
	case types.SetType:
		return schema.SetAttribute{MarkdownDescription: desc, ElementType: t.ElemType, Computed: true}
	}
	switch f.typ {
	case types.BoolType:
		return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
	case types.Int64Type:
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
}

func (d *signInExperienceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var t timeouts.Value
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("timeouts"), &t)...)
	ctx, cancel := framework.WithTimeout(ctx, t.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	e, err := d.client.GetSignInExperience(ctx)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+what, err)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), e.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("timeouts"), t)...)
	for _, f := range fieldsOf("") {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, f.path(), f.get(e))...)
	}
	for _, g := range groups {
		values := map[string]attr.Value{}
		for _, f := range fieldsOf(g) {
			values[f.name] = f.get(e)
		}
		obj, diags := types.ObjectValue(groupAttrTypes(g), values)
		resp.Diagnostics.Append(diags...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(g), obj)...)
	}
}
