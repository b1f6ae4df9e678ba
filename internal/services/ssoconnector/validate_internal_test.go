package ssoconnector

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

func oidcObject(t *testing.T, issuer string) types.Object {
	t.Helper()
	obj, d := types.ObjectValueFrom(context.Background(), oidcAttrTypes, oidcModel{
		ClientID: types.StringValue("app"), ClientSecret: types.StringValue("s"), ClientSecretWO: types.StringNull(),
		ClientSecretWOVersion: types.Int64Null(), Issuer: types.StringValue(issuer), Scope: types.StringNull(),
		TrustUnverifiedEmail: types.BoolNull(),
	})
	if d.HasError() {
		t.Fatal(d)
	}
	return obj
}

// Entra ID's shared endpoints draw a warning, and only for AzureAdOidc; a
// tenant's own issuer draws nothing (the positive control of the check).
func TestValidateBlocks_SharedEntraIssuerWarns(t *testing.T) {
	for _, tc := range []struct {
		provider, issuer string
		warn             bool
	}{
		{logto.SSOProviderAzureAdOidc, "https://login.microsoftonline.com/common/v2.0", true},
		{logto.SSOProviderAzureAdOidc, "https://login.microsoftonline.com/organizations/v2.0", true},
		{logto.SSOProviderAzureAdOidc, "https://login.microsoftonline.com/Consumers/v2.0", true},
		{logto.SSOProviderAzureAdOidc, "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0", false},
		{logto.SSOProviderAzureAdOidc, "https://login.microsoftonline.com/commons.onmicrosoft.com/v2.0", false},
		{logto.SSOProviderOIDC, "https://login.microsoftonline.com/common/v2.0", false},
	} {
		var diags diag.Diagnostics
		validateBlocks(context.Background(), types.StringValue(tc.provider), oidcObject(t, tc.issuer), types.ObjectNull(samlAttrTypes), &diags)
		if diags.HasError() {
			t.Errorf("%s %s: errors %v", tc.provider, tc.issuer, diags)
		}
		warned := diags.WarningsCount() == 1 && strings.Contains(diags.Warnings()[0].Detail(), "https://login.microsoftonline.com/<tenant-id>/v2.0")
		if warned != tc.warn || diags.WarningsCount() > 1 {
			t.Errorf("%s %s: warnings %v, want a warning: %v", tc.provider, tc.issuer, diags.Warnings(), tc.warn)
		}
	}
}

// An unknown provider name (from another resource) skips the checks that
// need it, instead of guessing.
func TestValidateBlocks_UnknownProvider(t *testing.T) {
	var diags diag.Diagnostics
	validateBlocks(context.Background(), types.StringUnknown(), oidcObject(t, "https://login.microsoftonline.com/common/v2.0"),
		types.ObjectNull(samlAttrTypes), &diags)
	if len(diags) != 0 {
		t.Errorf("diagnostics with an unknown provider: %v", diags)
	}
	// Positive control: the same block with a SAML provider is refused.
	validateBlocks(context.Background(), types.StringValue(logto.SSOProviderSAML), oidcObject(t, "https://idp.example.com"),
		types.ObjectNull(samlAttrTypes), &diags)
	if !diags.HasError() {
		t.Error("an oidc block on a SAML connector passed")
	}
}

func TestCheckEmailDomain(t *testing.T) {
	for _, ok := range []string{"acme.com", "eu.acme.co.uk", "xn--bcher-kva.example", "a-b.io", "123.example.com"} {
		if err := CheckEmailDomain(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"Acme.com", "acme", "@acme.com", "a@acme.com", ".acme.com", "acme.com.", "-a.com", "a-.com",
		"a_b.com", "bücher.example", "gmail.com", "outlook.com", strings.Repeat("a", 64) + ".com", ""} {
		if err := CheckEmailDomain(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestRedirectURI(t *testing.T) {
	for endpoint, want := range map[string]string{
		"https://auth.example.com":        "https://auth.example.com/callback/abc",
		"http://127.0.0.1:3001":           "http://127.0.0.1:3001/callback/abc",
		"https://example.com/logto/proxy": "https://example.com/callback/abc", // as the Console: new URL('/callback/…', endpoint)
	} {
		if got := RedirectURI(endpoint, "abc"); got != want {
			t.Errorf("RedirectURI(%q) = %q, want %q", endpoint, got, want)
		}
	}
}
