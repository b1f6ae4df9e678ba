package framework

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// GetState, GetPlan and SetState read a resource's model from its state or
// plan and write it back, as req.State.Get, req.Plan.Get and resp.State.Set
// do, for the models whose every field is an attr.Value with a tfsdk tag
// (every resource model of this provider). terraform-plugin-framework v1.19
// reflects over the struct on every call and compiles a regular expression
// per field while doing so (terraform-plugin-framework issue 725): in a
// profile of a refresh, Get and Set took 83 % of a resource's Read and 37 %
// of the provider's allocations. These read the field list once per model
// type. Anything else (another field type, a null or unknown object, a
// mismatch between the struct and the schema, a value that fails its type's
// validation) is handed to the framework, so errors are the framework's own.
//
// In a test binary every call also runs the framework's path and reports any
// difference as an error diagnostic, so the acceptance tests of every resource
// check that both paths agree.

// GetState reads the state into target, a pointer to a model struct.
func GetState(ctx context.Context, state tfsdk.State, target any) diag.Diagnostics {
	return getModel(ctx, state.Raw, state.Schema.Type(), target, func(t any) diag.Diagnostics { return state.Get(ctx, t) })
}

// GetPlan reads the plan into target, a pointer to a model struct.
func GetPlan(ctx context.Context, plan tfsdk.Plan, target any) diag.Diagnostics {
	return getModel(ctx, plan.Raw, plan.Schema.Type(), target, func(t any) diag.Diagnostics { return plan.Get(ctx, t) })
}

// SetState writes model, a model struct or a pointer to one, as the state.
func SetState(ctx context.Context, state *tfsdk.State, model any) diag.Diagnostics {
	raw, ok, diags := modelValue(ctx, state.Schema.Type(), model)
	if !ok {
		return state.Set(ctx, model)
	}
	if crossCheck {
		framework := *state
		if d := framework.Set(ctx, model); !d.HasError() && !framework.Raw.Equal(raw) {
			// Attribute names only: values may be secrets.
			diags.AddError("Fast state path disagrees with the framework",
				fmt.Sprintf("SetState of %T: attributes %v differ", model, differentAttributes(framework.Raw, raw)))
			return diags
		}
	}
	// raw was built with the schema's own object type: the type check
	// state.Set would make again (building the schema's type once more) holds.
	state.Raw = raw
	return diags
}

// crossCheck is true in test binaries: every call is compared with the
// framework's own path.
var crossCheck = testing.Testing()

// SetCrossCheck turns the comparison with the framework's path on or off and
// returns the previous setting; benchmarks turn it off to measure what a
// provider binary does. Not safe to call while requests are being served.
func SetCrossCheck(on bool) bool {
	previous := crossCheck
	crossCheck = on
	return previous
}

// modelField is one field of a model struct: its tfsdk tag and index path
// (through structs embedded by value).
type modelField struct {
	name  string
	index []int
}

// modelFields caches, by struct type, its fields ([]modelField), or nil when
// the struct is not one the fast path reads.
var modelFields sync.Map

var attrValueType = reflect.TypeFor[attr.Value]()

// fieldsOf returns the fields of a model struct type, those of structs it
// embeds by value included, or false when a field is unexported, untagged,
// tagged "-", not an attr.Value, embedded by pointer, or a tag repeats.
func fieldsOf(t reflect.Type) ([]modelField, bool) {
	if cached, ok := modelFields.Load(t); ok {
		fields, _ := cached.([]modelField)
		return fields, fields != nil
	}
	fields, ok := collectFields(t, nil, map[string]bool{})
	if !ok {
		fields = nil
	}
	modelFields.Store(t, fields)
	return fields, ok
}

func collectFields(t reflect.Type, prefix []int, seen map[string]bool) ([]modelField, bool) {
	if t.Kind() != reflect.Struct {
		return nil, false
	}
	fields := make([]modelField, 0, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		index := append(append([]int(nil), prefix...), i)
		tag := f.Tag.Get("tfsdk")
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			embedded, ok := collectFields(f.Type, index, seen)
			if !ok {
				return nil, false
			}
			fields = append(fields, embedded...)
			continue
		}
		if f.Anonymous || !f.IsExported() || tag == "" || tag == "-" || seen[tag] || !f.Type.Implements(attrValueType) {
			return nil, false
		}
		seen[tag] = true
		fields = append(fields, modelField{name: tag, index: index})
	}
	return fields, true
}

// getModel reads raw into target, or leaves it to frameworkGet.
func getModel(ctx context.Context, raw tftypes.Value, typ attr.Type, target any, frameworkGet func(any) diag.Diagnostics) diag.Diagnostics {
	out, ok, diags := modelFromValue(ctx, raw, typ, target)
	if !ok {
		return frameworkGet(target)
	}
	dst := reflect.ValueOf(target).Elem()
	if crossCheck {
		framework := reflect.New(dst.Type())
		if d := frameworkGet(framework.Interface()); !d.HasError() {
			if msg := modelsDiffer(framework.Elem(), out); msg != "" {
				diags.AddError("Fast state path disagrees with the framework", fmt.Sprintf("Get of %T: %s", target, msg))
				return diags
			}
		}
	}
	dst.Set(out)
	return diags
}

// modelFromValue builds the model struct target points to from raw. ok is
// false when the fast path does not apply, a value's validation failing
// included (the framework then reports it).
func modelFromValue(ctx context.Context, raw tftypes.Value, typ attr.Type, target any) (reflect.Value, bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	ptr := reflect.ValueOf(target)
	if ptr.Kind() != reflect.Pointer || ptr.IsNil() {
		return reflect.Value{}, false, nil
	}
	fields, ok := fieldsOf(ptr.Type().Elem())
	objType, isObject := typ.(attr.TypeWithAttributeTypes)
	if !ok || !isObject || !raw.IsKnown() || raw.IsNull() {
		return reflect.Value{}, false, nil
	}
	attrTypes := objType.AttributeTypes()
	var values map[string]tftypes.Value
	if len(attrTypes) != len(fields) || raw.As(&values) != nil || len(values) != len(fields) {
		return reflect.Value{}, false, nil
	}
	out := reflect.New(ptr.Type().Elem()).Elem()
	for _, f := range fields {
		at, okType := attrTypes[f.name]
		tv, okValue := values[f.name]
		if !okType || !okValue {
			return reflect.Value{}, false, nil
		}
		v, err := at.ValueFromTerraform(ctx, tv)
		if err != nil || reflect.TypeOf(v) != out.FieldByIndex(f.index).Type() {
			return reflect.Value{}, false, nil
		}
		diags.Append(validate(ctx, at, v, tv, path.Root(f.name))...)
		if diags.HasError() {
			return reflect.Value{}, false, nil
		}
		out.FieldByIndex(f.index).Set(reflect.ValueOf(v))
	}
	return out, true, diags
}

// modelValue is the object value of model, a struct or a pointer to one. ok
// is false when the fast path does not apply.
func modelValue(ctx context.Context, typ attr.Type, model any) (tftypes.Value, bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	rv := reflect.ValueOf(model)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return tftypes.Value{}, false, nil
		}
		rv = rv.Elem()
	}
	fields, ok := fieldsOf(rv.Type())
	objType, isObject := typ.(attr.TypeWithAttributeTypes)
	if !ok || !isObject {
		return tftypes.Value{}, false, nil
	}
	attrTypes := objType.AttributeTypes()
	if len(attrTypes) != len(fields) {
		return tftypes.Value{}, false, nil
	}
	values := make(map[string]tftypes.Value, len(fields))
	for _, f := range fields {
		at, okType := attrTypes[f.name]
		v, _ := rv.FieldByIndex(f.index).Interface().(attr.Value)
		if !okType || v == nil || !at.Equal(v.Type(ctx)) || at.TerraformType(ctx).Is(tftypes.DynamicPseudoType) {
			return tftypes.Value{}, false, nil
		}
		tv, err := v.ToTerraformValue(ctx)
		if err != nil {
			return tftypes.Value{}, false, nil
		}
		diags.Append(validate(ctx, at, v, tv, path.Root(f.name))...)
		if diags.HasError() {
			return tftypes.Value{}, false, nil
		}
		values[f.name] = tv
	}
	objTF := typ.TerraformType(ctx)
	if tftypes.ValidateValue(objTF, values) != nil {
		return tftypes.Value{}, false, nil
	}
	return tftypes.NewValue(objTF, values), true, diags
}

// validate runs the value's or the type's own validation, as the framework
// does when it converts a field.
func validate(ctx context.Context, typ attr.Type, v attr.Value, tv tftypes.Value, p path.Path) diag.Diagnostics {
	if va, ok := v.(xattr.ValidateableAttribute); ok {
		var resp xattr.ValidateAttributeResponse
		va.ValidateAttribute(ctx, xattr.ValidateAttributeRequest{Path: p}, &resp)
		return resp.Diagnostics
	}
	//nolint:staticcheck // the framework still honours the deprecated interface; so do we.
	if tv2, ok := typ.(xattr.TypeWithValidate); ok {
		return tv2.Validate(ctx, tv, p)
	}
	return nil
}

// modelsDiffer compares two model structs field by field with attr.Value's
// Equal, and describes the first difference.
func modelsDiffer(a, b reflect.Value) string {
	fields, _ := fieldsOf(a.Type())
	for _, f := range fields {
		av, _ := a.FieldByIndex(f.index).Interface().(attr.Value)
		bv, _ := b.FieldByIndex(f.index).Interface().(attr.Value)
		if av == nil || bv == nil || !av.Equal(bv) {
			return "attribute " + f.name + " differs" // not the values: they may be secrets
		}
	}
	return ""
}

// differentAttributes names the attributes whose values differ between two
// objects.
func differentAttributes(a, b tftypes.Value) []string {
	var am, bm map[string]tftypes.Value
	if a.As(&am) != nil || b.As(&bm) != nil {
		return []string{"(not objects)"}
	}
	var names []string
	for name, av := range am {
		if bv, ok := bm[name]; !ok || !av.Equal(bv) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}
