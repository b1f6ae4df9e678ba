package validators

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.String = jsonObjectValidator{}

type jsonObjectValidator struct{}

// JSONObject accepts a string that holds a JSON object (Logto's customData
// fields are objects; arrays and scalars are refused) whose numbers Logto can
// store unchanged. Logto runs on JavaScript, which keeps JSON numbers as
// IEEE-754 doubles: a number such as 12345678901234567890 would come back as
// 12345678901234567000, so it is refused with the advice to write it as a
// string.
func JSONObject() validator.String { return jsonObjectValidator{} }

func (jsonObjectValidator) Description(context.Context) string {
	return "value must be a JSON object, for example jsonencode({ team = \"platform\" }), whose numbers fit a JavaScript number"
}

func (v jsonObjectValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v jsonObjectValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(req.ConfigValue.ValueString())))
	dec.UseNumber()
	var obj map[string]any
	err := dec.Decode(&obj)
	if _, trailing := dec.Token(); err != nil || obj == nil || !errors.Is(trailing, io.EOF) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON Object",
			"The value must be a JSON object such as jsonencode({ team = \"platform\" }); got "+req.ConfigValue.String()+".")
		return
	}
	if lit, stored, ok := numberJavaScriptChanges(obj); ok {
		resp.Diagnostics.AddAttributeError(req.Path, "Number Changed By Logto",
			fmt.Sprintf("The number %s cannot be stored by Logto as written: Logto keeps JSON numbers as JavaScript "+
				"numbers (IEEE-754 doubles) and would store %s, and the next plan would show the difference. "+
				"Write it as a string (%q) to keep every digit.", lit, stored, lit))
	}
}

// numberJavaScriptChanges returns the first number of a decoded JSON value
// (decoded with UseNumber) that JavaScript would read as another value, with
// the value it would read.
func numberJavaScriptChanges(v any) (lit, stored string, changes bool) {
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			if lit, stored, changes = numberJavaScriptChanges(e); changes {
				return lit, stored, true
			}
		}
	case []any:
		for _, e := range x {
			if lit, stored, changes = numberJavaScriptChanges(e); changes {
				return lit, stored, true
			}
		}
	case json.Number:
		if stored, changes = javaScriptValue(string(x)); changes {
			return string(x), stored, true
		}
	}
	return "", "", false
}

// javaScriptValue returns the number JavaScript reads from the JSON number
// lit, in plain notation, and whether its value differs from lit's.
func javaScriptValue(lit string) (string, bool) {
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return "a value out of range (Infinity)", true
	}
	stored := strconv.FormatFloat(f, 'f', -1, 64)
	if stored == lit {
		return stored, false
	}
	// Exact comparison of the two decimal values; the exponent is bounded
	// first so that big.Rat never expands an absurd one.
	if i := strings.IndexAny(lit, "eE"); i >= 0 {
		if e, err := strconv.Atoi(strings.TrimPrefix(lit[i+1:], "+")); err != nil || e > 400 || e < -400 {
			return stored, f != 0 || strings.Trim(lit[:i], "-0.") != ""
		}
	}
	exact, ok1 := new(big.Rat).SetString(lit)
	read, ok2 := new(big.Rat).SetString(stored)
	return stored, !ok1 || !ok2 || exact.Cmp(read) != 0
}
