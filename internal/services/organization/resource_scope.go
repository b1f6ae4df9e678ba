package organization

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const whatScope = "Logto Organization Scope"

const (
	descScopeName        = "Name of the permission, unique among organization scopes (1 to 128 characters), such as `read:invoices`."
	descScopeDescription = "Description of the permission (up to 256 characters)."
)

var (
	_ resource.ResourceWithConfigure   = (*scopeResource)(nil)
	_ resource.ResourceWithImportState = (*scopeResource)(nil)
)

type scopeResource struct {
	client *logto.Client
}

// NewScopeResource returns the logto_organization_scope resource.
func NewScopeResource() resource.Resource { return &scopeResource{} }

// scopeModel is the state of logto_organization_scope.
type scopeModel struct {
	ID          types.String   `tfsdk:"id"`
	Name        types.String   `tfsdk:"name"`
	Description types.String   `tfsdk:"description"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

func (m *scopeModel) fromAPI(s *logto.OrganizationScope) {
	m.ID = types.StringValue(s.ID)
	m.Name = types.StringValue(s.Name)
	m.Description = types.StringPointerValue(s.Description)
}

func (r *scopeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization_scope"
}

func (r *scopeResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *scopeResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An organization scope: a permission of the organization template, shared by every " +
			"organization. Organization roles (`logto_organization_role`) grant scopes; the organization tokens " +
			"of a member carry the scopes of the member's roles in that organization.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Logto's ID of the scope.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: descScopeName,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 128)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: descScopeDescription + " Omit to leave it as it is in Logto.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtMost(256)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"timeouts": timeouts.AttributesAll(ctx),
		},
	}
}

func (r *scopeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scopeModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	in := logto.OrganizationScopeInput{Name: plan.Name.ValueStringPointer()}
	if known(plan.Description) {
		in.Description = plan.Description.ValueStringPointer()
	}
	scope, err := r.client.CreateOrganizationScope(ctx, in)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Create "+whatScope, err)
		return
	}
	plan.fromAPI(scope)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &plan)...)
}

func (r *scopeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scopeModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	scope, err := r.client.RefreshOrganizationScope(ctx, state.ID.ValueString())
	if framework.RemoveIfNotFound(ctx, err, resp, whatScope, state.ID.ValueString()) {
		return
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+whatScope, err)
		return
	}
	state.fromAPI(scope)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &state)...)
}

func (r *scopeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state scopeModel
	resp.Diagnostics.Append(framework.GetPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	var in logto.OrganizationScopeInput
	if !plan.Name.Equal(state.Name) {
		in.Name = plan.Name.ValueStringPointer()
	}
	if known(plan.Description) && !plan.Description.Equal(state.Description) {
		in.Description = plan.Description.ValueStringPointer()
	}
	var scope *logto.OrganizationScope
	var err error
	if in.Name != nil || in.Description != nil {
		scope, err = r.client.UpdateOrganizationScope(ctx, state.ID.ValueString(), in)
	} else {
		scope, err = r.client.GetOrganizationScope(ctx, state.ID.ValueString())
	}
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Update "+whatScope, err)
		return
	}
	plan.fromAPI(scope)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &plan)...)
}

func (r *scopeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scopeModel
	resp.Diagnostics.Append(framework.GetState(ctx, req.State, &state)...)
	ctx, cancel := framework.WithTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteOrganizationScope(ctx, state.ID.ValueString()); err != nil && !logto.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Delete "+whatScope, err)
	}
}

func (r *scopeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid Import ID", "Import a logto_organization_scope by its Logto ID.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}
