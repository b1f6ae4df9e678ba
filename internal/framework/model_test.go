package framework

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// testBase is embedded in testModel, as the provider's resource models embed
// the model they share with their data source.
type testBase struct {
	ID      types.String `tfsdk:"id"`
	Enabled types.Bool   `tfsdk:"enabled"`
}

// testModel has a field of every kind the provider's models hold.
type testModel struct {
	testBase
	TTL       types.Int64       `tfsdk:"ttl"`
	URIs      types.Set         `tfsdk:"uris"`
	Order     types.List        `tfsdk:"order"`
	Meta      types.Object      `tfsdk:"meta"`
	CreatedAt timetypes.RFC3339 `tfsdk:"created_at"`
	Data      CanonicalJSON     `tfsdk:"data"`
}

var testMetaTypes = map[string]attr.Type{"origin": types.StringType, "port": types.Int64Type}

func testSchema() schema.Schema {
	return schema.Schema{Attributes: map[string]schema.Attribute{
		"id":         schema.StringAttribute{Computed: true},
		"enabled":    schema.BoolAttribute{Optional: true},
		"ttl":        schema.Int64Attribute{Optional: true},
		"uris":       schema.SetAttribute{ElementType: types.StringType, Optional: true},
		"order":      schema.ListAttribute{ElementType: types.StringType, Optional: true},
		"meta":       schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{"origin": schema.StringAttribute{Optional: true}, "port": schema.Int64Attribute{Optional: true}}},
		"created_at": schema.StringAttribute{CustomType: timetypes.RFC3339Type{}, Computed: true},
		"data":       schema.StringAttribute{CustomType: CanonicalJSONType{}, Optional: true},
	}}
}

// testValues are raw states: every attribute set, every one null, and
// unknowns as a plan has them.
func testValues(t *testing.T) map[string]tftypes.Value {
	t.Helper()
	ctx := context.Background()
	objType := testSchema().Type().TerraformType(ctx)
	metaType := types.ObjectType{AttrTypes: testMetaTypes}.TerraformType(ctx)
	strs := tftypes.Set{ElementType: tftypes.String}
	list := tftypes.List{ElementType: tftypes.String}
	full := map[string]tftypes.Value{
		"id":      tftypes.NewValue(tftypes.String, "abc"),
		"enabled": tftypes.NewValue(tftypes.Bool, true),
		"ttl":     tftypes.NewValue(tftypes.Number, 3600),
		"uris":    tftypes.NewValue(strs, []tftypes.Value{tftypes.NewValue(tftypes.String, "https://a"), tftypes.NewValue(tftypes.String, "https://b")}),
		"order":   tftypes.NewValue(list, []tftypes.Value{tftypes.NewValue(tftypes.String, "z"), tftypes.NewValue(tftypes.String, "a")}),
		"meta": tftypes.NewValue(metaType, map[string]tftypes.Value{
			"origin": tftypes.NewValue(tftypes.String, "https://o"), "port": tftypes.NewValue(tftypes.Number, nil),
		}),
		"created_at": tftypes.NewValue(tftypes.String, "2026-11-25T12:00:00Z"),
		"data":       tftypes.NewValue(tftypes.String, `{"a":1}`),
	}
	null, unknown := map[string]tftypes.Value{}, map[string]tftypes.Value{}
	for name, v := range full {
		null[name] = tftypes.NewValue(v.Type(), nil)
		unknown[name] = tftypes.NewValue(v.Type(), tftypes.UnknownValue)
	}
	empty := map[string]tftypes.Value{}
	for name, v := range null {
		empty[name] = v
	}
	empty["uris"] = tftypes.NewValue(strs, []tftypes.Value{})
	empty["order"] = tftypes.NewValue(list, []tftypes.Value{})
	return map[string]tftypes.Value{
		"full":    tftypes.NewValue(objType, full),
		"null":    tftypes.NewValue(objType, null),
		"unknown": tftypes.NewValue(objType, unknown),
		"empty":   tftypes.NewValue(objType, empty),
	}
}

// TestModelPathMatchesFramework reads every test value with GetState and
// GetPlan and writes it back with SetState, and compares each result with the
// framework's own Get and Set; the fast path must have served them (the cache
// holds the model's fields).
func TestModelPathMatchesFramework(t *testing.T) {
	ctx := context.Background()
	for name, raw := range testValues(t) {
		t.Run(name, func(t *testing.T) {
			state := tfsdk.State{Schema: testSchema(), Raw: raw}
			var fast, slow testModel
			if d := GetState(ctx, state, &fast); d.HasError() {
				t.Fatalf("GetState: %v", d)
			}
			if d := state.Get(ctx, &slow); d.HasError() {
				t.Fatalf("framework Get: %v", d)
			}
			if msg := modelsDiffer(reflectValue(&slow), reflectValue(&fast)); msg != "" {
				t.Errorf("GetState differs: %s", msg)
			}
			if name != "unknown" && fast.ID.IsUnknown() {
				t.Error("GetState read an unknown id")
			}
			var fromPlan testModel
			if d := GetPlan(ctx, tfsdk.Plan{Schema: testSchema(), Raw: raw}, &fromPlan); d.HasError() {
				t.Fatalf("GetPlan: %v", d)
			}
			if msg := modelsDiffer(reflectValue(&slow), reflectValue(&fromPlan)); msg != "" {
				t.Errorf("GetPlan differs: %s", msg)
			}

			out := tfsdk.State{Schema: testSchema()}
			if d := SetState(ctx, &out, &fast); d.HasError() {
				t.Fatalf("SetState: %v", d)
			}
			if !out.Raw.Equal(raw) {
				t.Errorf("SetState wrote\n%s\nwant\n%s", out.Raw, raw)
			}
			byValue := tfsdk.State{Schema: testSchema()}
			if d := SetState(ctx, &byValue, fast); d.HasError() || !byValue.Raw.Equal(raw) {
				t.Errorf("SetState of a struct value: %v\n%s", d, byValue.Raw)
			}
		})
	}
	if _, ok := fieldsOf(reflectValue(&testModel{}).Type()); !ok {
		t.Error("the test model is not served by the fast path: the test compared the framework with itself")
	}
}

// TestModelPathHandsOver: a struct the fast path does not read (a field that
// is not an attr.Value), a null object and a value its type refuses go to the
// framework, whose results and errors stay the same.
func TestModelPathHandsOver(t *testing.T) {
	ctx := context.Background()
	values := testValues(t)

	type plainModel struct {
		ID        string            `tfsdk:"id"`
		Enabled   types.Bool        `tfsdk:"enabled"`
		TTL       types.Int64       `tfsdk:"ttl"`
		URIs      types.Set         `tfsdk:"uris"`
		Order     types.List        `tfsdk:"order"`
		Meta      types.Object      `tfsdk:"meta"`
		CreatedAt timetypes.RFC3339 `tfsdk:"created_at"`
		Data      CanonicalJSON     `tfsdk:"data"`
	}
	var plain plainModel
	if d := GetState(ctx, tfsdk.State{Schema: testSchema(), Raw: values["full"]}, &plain); d.HasError() || plain.ID != "abc" {
		t.Errorf("a struct with a Go string field: %v, id %q", d, plain.ID)
	}
	if _, ok := fieldsOf(reflectValue(&plain).Type()); ok {
		t.Error("a struct with a Go string field is taken by the fast path")
	}
	type byPointer struct {
		*testBase
		TTL types.Int64 `tfsdk:"ttl"`
	}
	type repeated struct {
		testBase
		Again types.String `tfsdk:"id"`
	}
	for _, v := range []any{byPointer{}, repeated{}} {
		if _, ok := fieldsOf(reflect.TypeOf(v)); ok {
			t.Errorf("%T is taken by the fast path", v)
		}
	}

	objType := testSchema().Type().TerraformType(ctx)
	var m testModel
	d := GetState(ctx, tfsdk.State{Schema: testSchema(), Raw: tftypes.NewValue(objType, nil)}, &m)
	var slow testModel
	want := tfsdk.State{Schema: testSchema(), Raw: tftypes.NewValue(objType, nil)}.Get(ctx, &slow)
	if !d.Equal(want) || !d.HasError() {
		t.Errorf("a null state: %v, want the framework's %v", d, want)
	}

	// A timestamp RFC3339 refuses: the framework's error, naming the attribute.
	var bad map[string]tftypes.Value
	if err := values["full"].As(&bad); err != nil {
		t.Fatal(err)
	}
	bad["created_at"] = tftypes.NewValue(tftypes.String, "yesterday")
	d = GetState(ctx, tfsdk.State{Schema: testSchema(), Raw: tftypes.NewValue(objType, bad)}, &m)
	if !d.HasError() || !strings.Contains(diagText(d), "RFC3339") {
		t.Errorf("an invalid timestamp: %v", d)
	}
	if d := GetState(ctx, tfsdk.State{Schema: testSchema(), Raw: testValues(t)["full"]}, &m); d.HasError() {
		t.Fatal(d)
	}
	m.CreatedAt = timetypes.RFC3339{StringValue: basetypes.NewStringValue("yesterday")}
	out := tfsdk.State{Schema: testSchema()}
	if d := SetState(ctx, &out, &m); !d.HasError() || !strings.Contains(diagText(d), "RFC3339") {
		t.Errorf("SetState of an invalid timestamp: %v", d)
	}
}

// TestModelPathCrossCheck is the positive control of the cross-check the
// acceptance tests rely on: a value whose Equal never holds makes GetState
// and SetState report a disagreement.
func TestModelPathCrossCheck(t *testing.T) {
	if !crossCheck {
		t.Fatal("crossCheck is off in a test binary")
	}
	ctx := context.Background()
	type flakyModel struct {
		ID flakyValue `tfsdk:"id"`
	}
	s := schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{CustomType: flakyType{}, Computed: true}}}
	raw := tftypes.NewValue(s.Type().TerraformType(ctx), map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "abc")})
	var m flakyModel
	d := GetState(ctx, tfsdk.State{Schema: s, Raw: raw}, &m)
	if !strings.Contains(diagText(d), "disagrees with the framework") {
		t.Errorf("GetState of a value that never equals itself: %v", d)
	}
}

// flakyType is a string type whose values never equal anything.
type flakyType struct{ basetypes.StringType }

func (flakyType) Equal(o attr.Type) bool { _, ok := o.(flakyType); return ok }

func (flakyType) ValueFromTerraform(ctx context.Context, v tftypes.Value) (attr.Value, error) {
	s, err := basetypes.StringType{}.ValueFromTerraform(ctx, v)
	if err != nil {
		return nil, err
	}
	str, ok := s.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected %T", s)
	}
	return flakyValue{StringValue: str}, nil
}

func (flakyType) ValueType(context.Context) attr.Value { return flakyValue{} }

type flakyValue struct{ basetypes.StringValue }

func (flakyValue) Type(context.Context) attr.Type { return flakyType{} }
func (flakyValue) Equal(attr.Value) bool          { return false }

func diagText(d diag.Diagnostics) string {
	var b strings.Builder
	for _, x := range d {
		b.WriteString(x.Summary() + ": " + x.Detail() + "\n")
	}
	return b.String()
}

// BenchmarkModelGetSet reads a full state and writes it back, with the
// framework's Get and Set and with GetState and SetState (cross-check off).
func BenchmarkModelGetSet(b *testing.B) {
	ctx := context.Background()
	raw := testValues(&testing.T{})["full"]
	defer SetCrossCheck(SetCrossCheck(false))
	b.Run("framework", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			var m testModel
			state := tfsdk.State{Schema: testSchema(), Raw: raw}
			if d := state.Get(ctx, &m); d.HasError() {
				b.Fatal(d)
			}
			if d := state.Set(ctx, &m); d.HasError() {
				b.Fatal(d)
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			var m testModel
			state := tfsdk.State{Schema: testSchema(), Raw: raw}
			if d := GetState(ctx, state, &m); d.HasError() {
				b.Fatal(d)
			}
			if d := SetState(ctx, &state, &m); d.HasError() {
				b.Fatal(d)
			}
		}
	})
}

func reflectValue(ptr any) reflect.Value { return reflect.ValueOf(ptr).Elem() }

// TestDifferentAttributes names what differs and nothing else.
func TestDifferentAttributes(t *testing.T) {
	values := testValues(t)
	got := differentAttributes(values["full"], values["empty"])
	if strings.Join(got, ",") != "created_at,data,enabled,id,meta,order,ttl,uris" {
		t.Errorf("full vs empty: %v", got)
	}
	if got := differentAttributes(values["full"], testValues(t)["full"]); len(got) != 0 {
		t.Errorf("full vs full: %v", got)
	}
}
