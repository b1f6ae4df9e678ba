package role

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// Model holds the attributes a role has in the resource and the data source.
type Model struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Type        types.String `tfsdk:"type"`
	IsDefault   types.Bool   `tfsdk:"is_default"`
	ScopeIDs    types.Set    `tfsdk:"scope_ids"`
}

// resourceModel is the state of logto_role.
type resourceModel struct {
	Model
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// FromAPI sets every attribute from the role and its linked scopes.
func (m *Model) FromAPI(ctx context.Context, r *logto.Role, scopes []logto.RoleScope) diag.Diagnostics {
	m.ID = types.StringValue(r.ID)
	m.Name = types.StringValue(r.Name)
	m.Description = types.StringValue(r.Description)
	m.Type = types.StringValue(r.Type)
	m.IsDefault = types.BoolValue(r.IsDefault)
	ids := make([]string, 0, len(scopes))
	for _, s := range scopes {
		ids = append(ids, s.ID)
	}
	var diags diag.Diagnostics
	m.ScopeIDs, diags = types.SetValueFrom(ctx, types.StringType, ids)
	return diags
}

// toPatch returns the PATCH body holding what changed from state to plan,
// and whether there is anything to send.
func (m *Model) toPatch(state *Model) (logto.RolePatch, bool) {
	var p logto.RolePatch
	if !m.Name.Equal(state.Name) {
		p.Name = m.Name.ValueStringPointer()
	}
	if known(m.Description) && !m.Description.Equal(state.Description) {
		p.Description = m.Description.ValueStringPointer()
	}
	if known(m.IsDefault) && !m.IsDefault.Equal(state.IsDefault) {
		p.IsDefault = m.IsDefault.ValueBoolPointer()
	}
	return p, p.Name != nil || p.Description != nil || p.IsDefault != nil
}

// scopeIDs returns the set's elements (nil when null or unknown).
func scopeIDs(ctx context.Context, set types.Set, diags *diag.Diagnostics) []string {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	var ids []string
	diags.Append(set.ElementsAs(ctx, &ids, false)...)
	return ids
}

// linkChanges returns the scope ids to link and to unlink to go from the
// current links to the wanted ones, each sorted.
func linkChanges(current, wanted []string) (add, remove []string) {
	for _, id := range wanted {
		if !slices.Contains(current, id) {
			add = append(add, id)
		}
	}
	for _, id := range current {
		if !slices.Contains(wanted, id) {
			remove = append(remove, id)
		}
	}
	slices.Sort(add)
	slices.Sort(remove)
	return add, remove
}

func known(v interface {
	IsUnknown() bool
	IsNull() bool
}) bool {
	return !v.IsUnknown() && !v.IsNull()
}
