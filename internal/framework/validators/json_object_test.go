package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func validateJSONObject(raw string) *validator.StringResponse {
	resp := &validator.StringResponse{}
	JSONObject().ValidateString(context.Background(), validator.StringRequest{
		Path: path.Root("custom_data"), ConfigValue: types.StringValue(raw),
	}, resp)
	return resp
}

func TestJSONObject(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{
		`{}`,
		`{"a":1,"b":{"c":[1,2,"x"]}}`,
		` {"a": 1} `,
		`{"n":9007199254740992}`, // 2^53, exact in a double
		`{"n":0.1}`,              // not exact in binary, but read back as 0.1
		`{"n":1.50}`,
		`{"n":1e3}`,
		`{"n":-2.5e-3}`,
		`{"n":1e21}`,
		`{"n":0e-999}`,
		`{"big":"12345678901234567890"}`,
	} {
		if resp := validateJSONObject(raw); resp.Diagnostics.HasError() {
			t.Errorf("JSONObject(%s): %v", raw, resp.Diagnostics)
		}
	}
	for _, tc := range []struct{ raw, summary, detail string }{
		{`[1, 2]`, "Invalid JSON Object", "must be a JSON object"},
		{`"x"`, "Invalid JSON Object", "must be a JSON object"},
		{`null`, "Invalid JSON Object", "must be a JSON object"},
		{`{"a":1}}`, "Invalid JSON Object", "must be a JSON object"},
		{`{"a":1} {"b":2}`, "Invalid JSON Object", "must be a JSON object"},
		{`{"a":`, "Invalid JSON Object", "must be a JSON object"},
		{`{"id":12345678901234567890}`, "Number Changed By Logto", `would store 12345678901234567000`},
		{`{"deep":{"list":[1,9007199254740993]}}`, "Number Changed By Logto", `The number 9007199254740993`},
		{`{"n":0.10000000000000000001}`, "Number Changed By Logto", `would store 0.1`},
		{`{"n":1e400}`, "Number Changed By Logto", `out of range`},
		{`{"n":1e-500}`, "Number Changed By Logto", `would store 0`},
		{`{"n":1e999999999}`, "Number Changed By Logto", `out of range`},
	} {
		resp := validateJSONObject(tc.raw)
		if resp.Diagnostics.ErrorsCount() != 1 {
			t.Errorf("JSONObject(%s): %d errors, want 1: %v", tc.raw, resp.Diagnostics.ErrorsCount(), resp.Diagnostics)
			continue
		}
		d := resp.Diagnostics.Errors()[0]
		if d.Summary() != tc.summary || !strings.Contains(d.Detail(), tc.detail) {
			t.Errorf("JSONObject(%s) = %q: %q; want %q containing %q", tc.raw, d.Summary(), d.Detail(), tc.summary, tc.detail)
		}
	}
}
