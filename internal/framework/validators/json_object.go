package validators

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.String = jsonObjectValidator{}

type jsonObjectValidator struct{}

// JSONObject accepts a string that holds a JSON object (Logto's customData
// fields are objects; arrays and scalars are refused).
func JSONObject() validator.String { return jsonObjectValidator{} }

func (jsonObjectValidator) Description(context.Context) string {
	return "value must be a JSON object, for example jsonencode({ team = \"platform\" })"
}

func (v jsonObjectValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v jsonObjectValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &obj); err != nil || obj == nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON Object",
			"The value must be a JSON object such as jsonencode({ team = \"platform\" }); got "+req.ConfigValue.String()+".")
	}
}
