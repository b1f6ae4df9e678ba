package framework

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestCanonicalizeJSON(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, in, want string }{
		{"empty object", `{}`, `{}`},
		{"spacing", " {\n  \"a\" : 1 ,\t\"b\":[ 1 , 2 ] }\n", `{"a":1,"b":[1,2]}`},
		// jsonb answers shorter keys first; jsonencode sorts by bytes.
		{"jsonb key order", `{"z":1,"id":2,"team":3,"owner":4,"abc":5,"aa":6}`, `{"aa":6,"abc":5,"id":2,"owner":4,"team":3,"z":1}`},
		{"nested objects sorted at every depth", `{"outer":{"zz":{"b":1,"a":2},"a":[{"y":1,"x":2}]},"b":null}`,
			`{"b":null,"outer":{"a":[{"x":2,"y":1}],"zz":{"a":2,"b":1}}}`},
		{"array order kept", `{"l":[3,1,2]}`, `{"l":[3,1,2]}`},
		{"big integer exact", `{"n":12345678901234567890}`, `{"n":12345678901234567890}`},
		{"huge integer exact", `{"n":123456789012345678901234567890123456789}`, `{"n":123456789012345678901234567890123456789}`},
		{"trailing fractional zero", `{"n":1.50}`, `{"n":1.5}`},
		{"exponent", `{"n":1e3}`, `{"n":1000}`},
		{"exponent with sign", `{"n":1E+3}`, `{"n":1000}`},
		{"negative exponent", `{"n":25e-3}`, `{"n":0.025}`},
		{"fraction and exponent", `{"n":1.2345e2}`, `{"n":123.45}`},
		{"JavaScript big number", `{"n":1e+21}`, `{"n":1000000000000000000000}`},
		{"long fraction exact", `{"n":0.1000000000000000055511151231257827}`, `{"n":0.1000000000000000055511151231257827}`},
		{"negative", `{"n":-1.50}`, `{"n":-1.5}`},
		{"negative zero", `{"n":-0.0}`, `{"n":0}`},
		{"zero with exponent", `{"n":0e10}`, `{"n":0}`},
		{"integer with fraction zeros", `{"n":2.000}`, `{"n":2}`},
		{"absurd exponent kept as written", `{"n":1e999999}`, `{"n":1e999999}`},
		{"HTML escaped like jsonencode", `{"h":"<a href='x'>&</a>"}`, `{"h":"\u003ca href='x'\u003e\u0026\u003c/a\u003e"}`},
		{"unicode escapes decoded", `{"s":"\u00e9\u4e2d"}`, `{"s":"é中"}`},
		{"scalars", `{"t":true,"f":false,"s":"x"}`, `{"f":false,"s":"x","t":true}`},
		{"top-level array", `[ {"b":1,"a":2} ]`, `[{"a":2,"b":1}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := CanonicalizeJSON([]byte(tc.in))
			if err != nil {
				t.Fatalf("CanonicalizeJSON(%s): %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("CanonicalizeJSON(%s)\n got %s\nwant %s", tc.in, got, tc.want)
			}
			// The canonical form is a fixed point.
			again, err := CanonicalizeJSON([]byte(got))
			if err != nil || again != got {
				t.Errorf("canonical form %s is not stable: %s, %v", got, again, err)
			}
		})
	}
}

func TestCanonicalizeJSON_invalid(t *testing.T) {
	t.Parallel()
	for _, in := range []string{``, `{`, `{"a":}`, `{"a":1} {"b":2}`, `{"a":1}x`, `nope`} {
		if got, err := CanonicalizeJSON([]byte(in)); err == nil {
			t.Errorf("CanonicalizeJSON(%q) = %q, want an error", in, got)
		}
	}
	// Positive control: the same shapes, valid, are accepted.
	for _, in := range []string{`{}`, `{"a":1}`, ` {"a":1} `, `"x"`} {
		if _, err := CanonicalizeJSON([]byte(in)); err != nil {
			t.Errorf("CanonicalizeJSON(%q): %v", in, err)
		}
	}
}

func TestCanonicalJSON_semanticEquality(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{`{"a":1,"bb":{"d":2,"c":3}}`, `{"bb": {"c": 3, "d": 2}, "a": 1}`, true},
		{`{"n":1.50}`, `{"n":1.5}`, true},
		{`{"n":1e3}`, `{"n":1000}`, true},
		{`{"n":12345678901234567890}`, `{"n":12345678901234567890}`, true},
		// float64 cannot tell these apart; the exact comparison must.
		{`{"n":12345678901234567890}`, `{"n":12345678901234567891}`, false},
		{`{"n":12345678901234567890}`, `{"n":12345678901234567000}`, false},
		{`{"n":0.1}`, `{"n":0.10000000000000000001}`, false},
		{`{"a":1}`, `{"a":1,"b":2}`, false},
		{`{"l":[1,2]}`, `{"l":[2,1]}`, false},
		{`{"a":"1"}`, `{"a":1}`, false},
		{`not json`, `not json`, true},
		{`not json`, `{}`, false},
	} {
		a, b := NewCanonicalJSONValue(tc.a), NewCanonicalJSONValue(tc.b)
		for _, pair := range [][2]CanonicalJSON{{a, b}, {b, a}} {
			got, diags := pair[0].StringSemanticEquals(ctx, pair[1])
			if diags.HasError() {
				t.Fatal(diags)
			}
			if got != tc.want {
				t.Errorf("StringSemanticEquals(%s, %s) = %v, want %v", pair[0].ValueString(), pair[1].ValueString(), got, tc.want)
			}
		}
	}
	if NewCanonicalJSONNull().SemanticallyEqual(NewCanonicalJSONValue(`{}`)) {
		t.Error("null must not equal {}")
	}
	if !NewCanonicalJSONNull().SemanticallyEqual(NewCanonicalJSONNull()) {
		t.Error("null must equal null")
	}
	if NewCanonicalJSONUnknown().SemanticallyEqual(NewCanonicalJSONNull()) {
		t.Error("unknown must not equal null")
	}
	if _, diags := NewCanonicalJSONValue(`{}`).StringSemanticEquals(ctx, basetypes.NewStringValue(`{}`)); !diags.HasError() {
		t.Error("comparing with a plain string value must be reported as a provider bug")
	}
}

func TestCanonicalJSONFromAPI(t *testing.T) {
	t.Parallel()
	v, err := CanonicalJSONFromAPI([]byte(`{"tier": 1.50, "id": 12345678901234567890, "owner": {"team": "iam", "cc": 1e3}}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"id":12345678901234567890,"owner":{"cc":1000,"team":"iam"},"tier":1.5}`; v.ValueString() != want {
		t.Errorf("CanonicalJSONFromAPI = %s, want %s", v.ValueString(), want)
	}
	if _, err := CanonicalJSONFromAPI([]byte(`{"a":`)); err == nil || !strings.Contains(err.Error(), "invalid JSON") {
		t.Errorf("CanonicalJSONFromAPI of truncated JSON: err = %v, want invalid JSON", err)
	}
}

func TestCanonicalJSONType_roundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	typ := CanonicalJSONType{}
	v, err := typ.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.String, `{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	cj, ok := v.(CanonicalJSON)
	if !ok || cj.ValueString() != `{"a":1}` {
		t.Fatalf("ValueFromTerraform = %#v", v)
	}
	if !cj.Type(ctx).Equal(typ) || typ.Equal(basetypes.StringType{}) {
		t.Error("type equality is wrong")
	}
	if !cj.Equal(NewCanonicalJSONValue(`{"a":1}`)) || cj.Equal(NewCanonicalJSONValue(`{"a": 1}`)) {
		t.Error("Equal must compare the text exactly")
	}
	null, err := typ.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.String, nil))
	if err != nil || !null.IsNull() {
		t.Errorf("null round trip: %v, %v", null, err)
	}
}
