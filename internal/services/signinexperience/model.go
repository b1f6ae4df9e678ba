package signinexperience

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// How the resource knows what it manages
//
// The configuration decides: an attribute (top-level, or of a group) is
// managed when the configuration sets it. Create and Update record the set
// of managed attributes in the resource's private state (key "managed"); Read
// refreshes only those, Delete resets only those, and ModifyPlan plans every
// other attribute as its prior state (null after a create), so that nothing
// Terraform does not manage can show as a change. Import cannot know the
// configuration: an imported resource has no record yet, so Read fills every
// attribute and the plan keeps them as they are, until the next apply records
// what the configuration manages.

// privateKey is the private state key of the managed set.
const privateKey = "managed"

// managedSet holds the ids of the managed fields (see field.id) and the
// names of the groups the configuration sets (a group may be set with no
// attribute: `color = {}`).
type managedSet map[string]bool

// privateGetter and privateSetter are the private state of a request and of
// a response.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// readManaged returns the recorded managed set, and false when there is none
// (an imported resource not applied since).
func readManaged(ctx context.Context, private privateGetter) (managedSet, bool, diag.Diagnostics) {
	if private == nil {
		return nil, false, nil
	}
	raw, diags := private.GetKey(ctx, privateKey)
	if diags.HasError() || len(raw) == 0 {
		return nil, false, diags
	}
	var ids []string
	if err := json.Unmarshal(raw, &ids); err != nil {
		diags.AddWarning("Unreadable Private State",
			fmt.Sprintf("The record of the attributes this resource manages could not be read (%s); every attribute is read from Logto.", err))
		return nil, false, diags
	}
	m := managedSet{}
	for _, id := range ids {
		m[id] = true
	}
	return m, true, diags
}

// writeManaged records the managed set.
func writeManaged(ctx context.Context, private privateSetter, m managedSet) diag.Diagnostics {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	raw, err := json.Marshal(ids)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Unable to Record the Managed Attributes", err.Error())
		return diags
	}
	return private.SetKey(ctx, privateKey, raw)
}

// getter reads attributes of a configuration, plan or state.
type getter interface {
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

// setter writes attributes of a plan or state.
type setter interface {
	SetAttribute(ctx context.Context, p path.Path, val any) diag.Diagnostics
}

// valueAt returns the value at p.
func valueAt(ctx context.Context, src getter, p path.Path, diags *diag.Diagnostics) attr.Value {
	var v attr.Value
	diags.Append(src.GetAttribute(ctx, p, &v)...)
	return v
}

// managedFromConfig returns the fields and groups the configuration sets
// (unknown values count as set: they will be known at apply).
func managedFromConfig(ctx context.Context, config getter, diags *diag.Diagnostics) managedSet {
	m := managedSet{}
	for _, g := range groups {
		if v := valueAt(ctx, config, path.Root(g), diags); v != nil && !v.IsNull() {
			m[g] = true
		}
	}
	for _, f := range fields {
		if f.group != "" && !m[f.group] {
			continue
		}
		if v := valueAt(ctx, config, f.path(), diags); v != nil && !v.IsNull() {
			m[f.id()] = true
		}
	}
	return m
}

// writeFields sets every manageable attribute of dst. A field for which fresh
// is true takes its value from e; any other keeps its value in prior (the
// plan, or the prior state), null when prior has none. A group is null when
// it is null in prior and none of its fields is fresh.
func writeFields(ctx context.Context, dst setter, prior getter, e *logto.SignInExperience, fresh func(field) bool) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, f := range fieldsOf("") {
		v := nullOf(f.typ)
		if fresh(f) {
			v = f.resourceValue(e)
		} else if p := valueAt(ctx, prior, f.path(), &diags); p != nil && !p.IsUnknown() {
			v = p
		}
		diags.Append(dst.SetAttribute(ctx, f.path(), v)...)
	}
	for _, g := range groups {
		priorGroup, _ := valueAt(ctx, prior, path.Root(g), &diags).(types.Object)
		present := !priorGroup.IsNull()
		values := map[string]attr.Value{}
		for _, f := range fieldsOf(g) {
			v := nullOf(f.typ)
			if fresh(f) {
				v, present = f.resourceValue(e), true
			} else if p, ok := priorGroup.Attributes()[f.name]; ok && !p.IsUnknown() {
				v = p
			}
			values[f.name] = v
		}
		obj := types.ObjectNull(groupAttrTypes(g))
		if present {
			var d diag.Diagnostics
			obj, d = types.ObjectValue(groupAttrTypes(g), values)
			diags.Append(d...)
		}
		diags.Append(dst.SetAttribute(ctx, path.Root(g), obj)...)
	}
	return diags
}

// nullOf returns the null value of a field type.
func nullOf(t attr.Type) attr.Value {
	switch t := t.(type) {
	case types.ListType:
		return types.ListNull(t.ElemType)
	case types.SetType:
		return types.SetNull(t.ElemType)
	}
	switch t {
	case types.BoolType:
		return types.BoolNull()
	case types.Int64Type:
		return types.Int64Null()
	}
	return types.StringNull()
}

// applyFields writes value(f) into e for the fields keep selects, and returns
// the Logto keys they live in (sorted), which the PATCH must send.
func applyFields(ctx context.Context, e *logto.SignInExperience, keep func(field) bool,
	value func(field) attr.Value, diags *diag.Diagnostics,
) []string {
	var keys []string
	for _, f := range fields {
		if !keep(f) {
			continue
		}
		v := value(f)
		if v == nil || v.IsNull() || v.IsUnknown() {
			continue
		}
		diags.Append(f.set(ctx, e, v)...)
		if !slices.Contains(keys, f.key) {
			keys = append(keys, f.key)
		}
	}
	slices.Sort(keys)
	return keys
}

// mismatches lists the managed fields whose value in e (Logto's answer)
// differs from the plan's.
func mismatches(ctx context.Context, plan getter, e *logto.SignInExperience, m managedSet, diags *diag.Diagnostics) []field {
	var out []field
	for _, f := range fields {
		if !m[f.id()] {
			continue
		}
		want := valueAt(ctx, plan, f.path(), diags)
		if want == nil || want.IsUnknown() {
			continue
		}
		if !f.resourceValue(e).Equal(want) {
			out = append(out, f)
		}
	}
	return out
}
