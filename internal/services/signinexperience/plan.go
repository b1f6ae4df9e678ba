package signinexperience

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithModifyPlan = (*signInExperienceResource)(nil)

// ModifyPlan plans every attribute the configuration leaves out, so that no
// attribute Terraform does not manage ever shows as a change:
//
//   - in a new resource, as null;
//   - when the configuration stopped setting it (it is in the recorded
//     managed set), as null: the plan shows it going to null, the apply
//     records that it is no longer managed and sends nothing for it;
//   - otherwise as its prior state: null, or after an import the value read
//     then, which Read keeps refreshing until an apply records what is
//     managed.
//
// The framework would otherwise plan these Optional+Computed attributes as
// unknown ("known after apply") whenever anything else changes.
func (r *signInExperienceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	creating := req.State.Raw.IsNull()
	prev, recorded, d := readManaged(ctx, req.Private)
	resp.Diagnostics.Append(d...)
	unmanaged := func(id string, p path.Path, typ attr.Type) attr.Value {
		if creating || recorded && prev[id] {
			return nullOfAny(typ)
		}
		v := valueAt(ctx, req.State, p, &resp.Diagnostics)
		if v == nil {
			return nullOfAny(typ)
		}
		return v
	}
	for _, f := range fieldsOf("") {
		cfg := valueAt(ctx, req.Config, f.path(), &resp.Diagnostics)
		if cfg != nil && cfg.IsNull() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, f.path(), unmanaged(f.id(), f.path(), f.typ))...)
		}
	}
	for _, g := range groups {
		cfg, _ := valueAt(ctx, req.Config, path.Root(g), &resp.Diagnostics).(types.Object)
		switch {
		case cfg.IsUnknown():
			continue // known at apply
		case cfg.IsNull():
			groupType := types.ObjectType{AttrTypes: groupAttrTypes(g)}
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(g), unmanaged(g, path.Root(g), groupType))...)
			continue
		}
		stateGroup := types.ObjectNull(groupAttrTypes(g))
		if !creating {
			stateGroup, _ = valueAt(ctx, req.State, path.Root(g), &resp.Diagnostics).(types.Object)
		}
		for _, f := range fieldsOf(g) {
			if v, ok := cfg.Attributes()[f.name]; !ok || !v.IsNull() {
				continue
			}
			planned := nullOf(f.typ)
			if !creating && (!recorded || !prev[f.id()]) {
				if v, ok := stateGroup.Attributes()[f.name]; ok {
					planned = v
				}
			}
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, f.path(), planned)...)
		}
	}
}

// nullOfAny is nullOf, objects included.
func nullOfAny(t attr.Type) attr.Value {
	if o, ok := t.(types.ObjectType); ok {
		return types.ObjectNull(o.AttrTypes)
	}
	return nullOf(t)
}

// recordManaged saves the managed set of an apply in the response's private
// state.
func recordManaged(ctx context.Context, private privateSetter, m managedSet, diags *diag.Diagnostics) {
	diags.Append(writeManaged(ctx, private, m)...)
}
