package apiresource

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const whatScope = "Logto API Resource Scope"

var (
	_ resource.Resource                = (*scopeResource)(nil)
	_ resource.ResourceWithConfigure   = (*scopeResource)(nil)
	_ resource.ResourceWithImportState = (*scopeResource)(nil)
)

type scopeResource struct {
	client *logto.Client
}

// NewScopeResource returns the logto_api_resource_scope resource.
func NewScopeResource() resource.Resource { return &scopeResource{} }

// scopeModel is the state of logto_api_resource_scope.
type scopeModel struct {
	ID          types.String   `tfsdk:"id"`
	ResourceID  types.String   `tfsdk:"resource_id"`
	Name        types.String   `tfsdk:"name"`
	Description types.String   `tfsdk:"description"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

func (m *scopeModel) fromAPI(s *logto.APIResourceScope) {
	m.ID = types.StringValue(s.ID)
	m.ResourceID = types.StringValue(s.ResourceID)
	m.Name = types.StringValue(s.Name)
	m.Description = types.StringPointerValue(s.Description)
}

func (r *scopeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_api_resource_scope"
}

func (r *scopeResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = framework.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *scopeResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = ScopeSchema(ctx)
}

// ScopeSchema is the schema of logto_api_resource_scope.
func ScopeSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A scope (permission) of an API resource, such as `read:items`. Grant scopes to users " +
			"and machine-to-machine applications through `logto_role`'s `scope_ids`. Deleting a scope removes it " +
			"from every role. Import with `<resource_id>/<scope_id>`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: descScopeID,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"resource_id": schema.StringAttribute{
				MarkdownDescription: descScopeResourceID,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: descScopeName,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 256), ScopeName()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: descScopeDescription,
				Optional:            true,
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
	sc, err := r.client.CreateAPIResourceScope(ctx, plan.ResourceID.ValueString(), logto.APIResourceScopeCreate{
		Name:        plan.Name.ValueString(),
		Description: plan.Description.ValueStringPointer(),
	})
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Create "+whatScope, err)
		return
	}
	tflog.Debug(ctx, "Created Logto API resource scope", map[string]any{"id": sc.ID})
	// The create answer is the new scope.
	plan.fromAPI(sc)
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
	sc, err := r.findScope(ctx, state.ResourceID.ValueString(), state.ID.ValueString())
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Read "+whatScope, err)
		return
	}
	if sc == nil {
		resp.Diagnostics.AddWarning(whatScope+" Not Found",
			fmt.Sprintf("The scope %q of API resource %q no longer exists in Logto; it was probably deleted outside "+
				"Terraform (with its API resource, perhaps). It has been removed from the state, and the next plan "+
				"will create it again.", state.ID.ValueString(), state.ResourceID.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	state.fromAPI(sc)
	resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &state)...)
}

// findScope looks a scope up in its resource's scopes (Logto has no GET for
// one scope); nil when it is not there. Offset paging can hide an item when
// another scope is deleted while the pages are read, so a scope missing from
// one listing is looked for in a second one before it is declared gone.
func (r *scopeResource) findScope(ctx context.Context, resourceID, scopeID string) (*logto.APIResourceScope, error) {
	for range 2 {
		scopes, err := r.client.ListAPIResourceScopes(ctx, resourceID)
		if err != nil {
			return nil, err
		}
		for i := range scopes {
			if scopes[i].ID == scopeID {
				return &scopes[i], nil
			}
		}
		if len(scopes) == 0 {
			// No scope at all (or no such resource): nothing can hide.
			return nil, nil
		}
	}
	return nil, nil
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
	var patch logto.APIResourceScopePatch
	send := false
	if !plan.Name.Equal(state.Name) {
		patch.Name, send = plan.Name.ValueStringPointer(), true
	}
	if !plan.Description.Equal(state.Description) {
		patch.Description, send = logto.NullableFromPointer(plan.Description.ValueStringPointer()), true
	}
	if !send {
		plan.ID = state.ID
		resp.Diagnostics.Append(framework.SetState(ctx, &resp.State, &plan)...)
		return
	}
	// The PATCH answers the updated scope.
	sc, err := r.client.UpdateAPIResourceScope(ctx, state.ResourceID.ValueString(), state.ID.ValueString(), patch)
	if err != nil {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Update "+whatScope, err)
		return
	}
	plan.fromAPI(sc)
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
	err := r.client.DeleteAPIResourceScope(ctx, state.ResourceID.ValueString(), state.ID.ValueString())
	if err != nil && !logto.IsNotFound(err) {
		framework.AddAPIError(&resp.Diagnostics, "Unable to Delete "+whatScope, err)
	}
}

func (r *scopeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resourceID, scopeID, ok := strings.Cut(req.ID, "/")
	if !ok || resourceID == "" || scopeID == "" || strings.Contains(scopeID, "/") {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Import a logto_api_resource_scope as <resource_id>/<scope_id>; got %q.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("resource_id"), resourceID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), scopeID)...)
}
