package framework

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var (
	_ basetypes.StringTypable                    = CanonicalJSONType{}
	_ basetypes.StringValuable                   = CanonicalJSON{}
	_ basetypes.StringValuableWithSemanticEquals = CanonicalJSON{}
)

// CanonicalJSONType is a string attribute type holding JSON text, for JSON
// blobs Logto stores in jsonb (custom data, connector config extras). Values
// read from Logto are stored in the form CanonicalizeJSON returns, which is
// what jsonencode() writes, and two values are semantically equal when their
// canonical forms are: key order, spacing and the notation of numbers
// (1.50 and 1.5) never cause a diff, while a changed value — a number
// differing in its twentieth digit included — always does.
//
// The type does not validate its value; put a validator such as
// validators.JSONObject on configurable attributes.
type CanonicalJSONType struct {
	basetypes.StringType
}

// String names the type in diagnostics.
func (t CanonicalJSONType) String() string { return "framework.CanonicalJSONType" }

// ValueType returns the value type of this type.
func (t CanonicalJSONType) ValueType(context.Context) attr.Value { return CanonicalJSON{} }

// Equal reports whether o is a CanonicalJSONType.
func (t CanonicalJSONType) Equal(o attr.Type) bool {
	other, ok := o.(CanonicalJSONType)
	return ok && t.StringType.Equal(other.StringType)
}

// ValueFromString wraps a string value.
func (t CanonicalJSONType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return CanonicalJSON{StringValue: in}, nil
}

// ValueFromTerraform converts a Terraform value to a CanonicalJSON.
func (t CanonicalJSONType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return CanonicalJSON{StringValue: s}, nil
}

// CanonicalJSON is a value of CanonicalJSONType.
type CanonicalJSON struct {
	basetypes.StringValue
}

// NewCanonicalJSONValue returns a known value holding the JSON text s as given.
func NewCanonicalJSONValue(s string) CanonicalJSON {
	return CanonicalJSON{StringValue: basetypes.NewStringValue(s)}
}

// NewCanonicalJSONNull returns a null value.
func NewCanonicalJSONNull() CanonicalJSON {
	return CanonicalJSON{StringValue: basetypes.NewStringNull()}
}

// NewCanonicalJSONUnknown returns an unknown value.
func NewCanonicalJSONUnknown() CanonicalJSON {
	return CanonicalJSON{StringValue: basetypes.NewStringUnknown()}
}

// CanonicalJSONFromAPI returns the canonical form of JSON text Logto
// answered with (see CanonicalizeJSON).
func CanonicalJSONFromAPI(raw []byte) (CanonicalJSON, error) {
	s, err := CanonicalizeJSON(raw)
	if err != nil {
		return NewCanonicalJSONNull(), err
	}
	return NewCanonicalJSONValue(s), nil
}

// Type returns CanonicalJSONType.
func (v CanonicalJSON) Type(context.Context) attr.Type { return CanonicalJSONType{} }

// Equal reports whether o is a CanonicalJSON with the same text (not the
// semantic comparison; see StringSemanticEquals).
func (v CanonicalJSON) Equal(o attr.Value) bool {
	other, ok := o.(CanonicalJSON)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals reports whether the new value has the same canonical
// form as v. The framework then keeps the prior text (the configuration's,
// after an apply), so Logto's key order never makes an apply inconsistent.
func (v CanonicalJSON) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	other, ok := newValuable.(CanonicalJSON)
	if !ok {
		diags.AddError("Semantic Equality Check Error",
			fmt.Sprintf("Expected a framework.CanonicalJSON value, got %T. This is a bug in the provider; please report it.", newValuable))
		return false, diags
	}
	return v.SemanticallyEqual(other), diags
}

// SemanticallyEqual reports whether both values are known and their JSON
// texts have the same canonical form, or both are null, or both unknown.
func (v CanonicalJSON) SemanticallyEqual(o CanonicalJSON) bool {
	if v.IsNull() || v.IsUnknown() || o.IsNull() || o.IsUnknown() {
		return v.IsNull() == o.IsNull() && v.IsUnknown() == o.IsUnknown()
	}
	return jsonSemanticallyEqual(v.ValueString(), o.ValueString())
}
