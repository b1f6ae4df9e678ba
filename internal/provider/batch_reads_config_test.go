package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// batch_reads defaults to on; the attribute wins over LOGTO_BATCH_READS,
// which is read as a boolean.
func TestClientConfig_batchReads(t *testing.T) {
	p := &logtoProvider{}
	base := providerModel{
		Endpoint:     types.StringValue("http://localhost:3001"),
		ClientID:     types.StringValue("id"),
		ClientSecret: types.StringValue("secret"),
	}
	for _, tc := range []struct {
		name   string
		attr   types.Bool
		env    string
		wantNo bool
		bad    bool
	}{
		{name: "default", attr: types.BoolNull()},
		{name: "attribute off", attr: types.BoolValue(false), wantNo: true},
		{name: "attribute on beats env off", attr: types.BoolValue(true), env: "false"},
		{name: "env off", attr: types.BoolNull(), env: "false", wantNo: true},
		{name: "env 0", attr: types.BoolNull(), env: "0", wantNo: true},
		{name: "env on", attr: types.BoolNull(), env: "true"},
		{name: "env malformed", attr: types.BoolNull(), env: "nope", bad: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("LOGTO_BATCH_READS", tc.env)
			m := base
			m.BatchReads = tc.attr
			var diags diag.Diagnostics
			cfg := p.clientConfig(m, &diags)
			if got := diags.HasError(); got != tc.bad {
				t.Fatalf("errors = %v, want errors: %v", diags, tc.bad)
			}
			if tc.bad {
				d, ok := diags.Errors()[0].(diag.DiagnosticWithPath)
				if !ok || d.Path().String() != "batch_reads" {
					t.Errorf("error %v is not on batch_reads", diags.Errors()[0])
				}
				return
			}
			if cfg.NoBatchReads != tc.wantNo {
				t.Errorf("NoBatchReads = %v, want %v", cfg.NoBatchReads, tc.wantNo)
			}
		})
	}
}
