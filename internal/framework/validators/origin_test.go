package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCheckOrigin_valid(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{
		"https://app.example.com",
		"http://localhost:3000",
		"http://127.0.0.1:8080",
		"https://app.example.com:8443",
		"http://[::1]:3000",
		"https://[2001:db8::1]",
		"https://xn--bcher-kva.example",
		"http://localhost",
	} {
		if suggestion, err := CheckOrigin(raw); err != nil || suggestion != "" {
			t.Errorf("CheckOrigin(%q) = %q, %v; want an origin", raw, suggestion, err)
		}
	}
}

func TestCheckOrigin_invalid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		raw, suggestion, reason string
	}{
		{"https://app.example.com/", "https://app.example.com", "a trailing slash"},
		{"https://app.example.com/callback", "https://app.example.com", "a path"},
		{"http://localhost:3000/app/", "http://localhost:3000", "a path"},
		{"https://app.example.com?x=1", "https://app.example.com", "a query"},
		{"https://app.example.com?", "https://app.example.com", "a query"},
		{"https://app.example.com#top", "https://app.example.com", "a fragment"},
		{"https://app.example.com#", "https://app.example.com", "a fragment"},
		{"https://user:pw@app.example.com", "https://app.example.com", "user info"},
		{"https://user@app.example.com/x?y#z", "https://app.example.com", "user info, a path, a query and a fragment"},
		{"https://App.Example.COM", "https://app.example.com", "lowercase"},
		{"HTTPS://app.example.com", "https://app.example.com", "lowercase"},
		{"https://app.example.com:443", "https://app.example.com", "default port"},
		{"http://app.example.com:80", "http://app.example.com", "default port"},
		{"http://localhost:03000", "http://localhost:3000", "browsers send"},
		{"http://[::1]:80/", "http://[::1]", "a trailing slash"},
		{"https://app.example.com:443/", "https://app.example.com", "a trailing slash"},
		{"app.example.com", "", "absolute"},
		{"//app.example.com", "", "absolute"},
		{"/path", "", "absolute"},
		{"ftp://files.example.com", "", "http or https"},
		{"io.example.app://callback", "", "http or https"},
		{"https://", "", "absolute"},
		{"https://:8080", "", "no host"},
		{"https://*.example.com", "", "wildcards"},
		{"https://app.example.com:", "", "port after the colon"},
		{"https://app.example.com:0", "", "1 to 65535"},
		{"https://app.example.com:70000", "", "1 to 65535"},
		{"https://bücher.example", "", "xn--"},
		{"not an origin", "", "absolute"},
		{"", "", "absolute"},
	} {
		suggestion, err := CheckOrigin(tc.raw)
		if err == nil {
			t.Errorf("CheckOrigin(%q) = nil, want an error", tc.raw)
			continue
		}
		if suggestion != tc.suggestion {
			t.Errorf("CheckOrigin(%q) suggests %q, want %q", tc.raw, suggestion, tc.suggestion)
		}
		if !strings.Contains(err.Error(), tc.reason) || !strings.Contains(err.Error(), tc.raw) {
			t.Errorf("CheckOrigin(%q) error %q should name the value and say %q", tc.raw, err, tc.reason)
		}
		// A suggestion is itself an origin.
		if tc.suggestion != "" {
			if s, err := CheckOrigin(tc.suggestion); err != nil || s != "" {
				t.Errorf("suggested origin %q is refused: %v", tc.suggestion, err)
			}
		}
	}
}

func TestOriginValidator(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := path.Root("cors_allowed_origins").AtSetValue(types.StringValue("https://app.example.com/"))
	run := func(v types.String) *validator.StringResponse {
		resp := &validator.StringResponse{}
		Origin().ValidateString(ctx, validator.StringRequest{Path: p, ConfigValue: v}, resp)
		return resp
	}
	resp := run(types.StringValue("https://app.example.com/"))
	if resp.Diagnostics.ErrorsCount() != 1 {
		t.Fatalf("diagnostics = %v, want one error", resp.Diagnostics)
	}
	d := resp.Diagnostics.Errors()[0]
	if d.Summary() != "Invalid Origin" ||
		!strings.Contains(d.Detail(), `"https://app.example.com/" is not an origin: it has a trailing slash.`) ||
		!strings.Contains(d.Detail(), `Use "https://app.example.com" instead.`) {
		t.Errorf("diagnostic = %q: %q", d.Summary(), d.Detail())
	}
	if withPath, ok := d.(interface{ Path() path.Path }); !ok || !withPath.Path().Equal(p) {
		t.Errorf("the diagnostic must name the element %s", p)
	}
	if resp := run(types.StringValue("ftp://x.example.com")); resp.Diagnostics.ErrorsCount() != 1 ||
		strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "instead") {
		t.Errorf("no suggestion can be derived from ftp://: %v", resp.Diagnostics)
	}
	for _, v := range []types.String{types.StringValue("https://app.example.com"), types.StringNull(), types.StringUnknown()} {
		if resp := run(v); resp.Diagnostics.HasError() {
			t.Errorf("%v: unexpected %v", v, resp.Diagnostics)
		}
	}
}
