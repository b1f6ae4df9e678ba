package ssoconnector_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// wrapped compiles a pattern whose spaces match any white space: Terraform
// wraps long diagnostics.
func wrapped(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}

// Configurations Logto would refuse (or store differently) fail at plan time,
// and no request reaches Logto's SSO connector routes.
func TestAccSSOConnector_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	const issuer = "https://idp.example.com/tenant"
	oidc := func(extra string) string {
		return fmt.Sprintf(`oidc = {
    client_id     = "app"
    client_secret = "secret"
    issuer        = %q
    %s
  }`, issuer, extra)
	}
	const cert = `-----BEGIN CERTIFICATE-----
bm90IGEgY2VydGlmaWNhdGU=
-----END CERTIFICATE-----`
	for _, tc := range []struct{ provider, body, want string }{
		{"Azure", oidc(""), `value must be one of`},
		{logto.SSOProviderSAML, oidc(""), `(?s)Configuration Block Does Not Match the Provider.*saml block`},
		{logto.SSOProviderAzureAD, oidc(""), `Configuration Block Does Not Match the Provider`},
		{logto.SSOProviderOkta, `saml = { metadata_url = "https://idp.example.com/metadata" }`, `(?s)Configuration Block Does Not Match.*oidc block`},
		{logto.SSOProviderOIDC, `domains = ["Acme.com"]` + "\n" + oidc(""), `(?s)Invalid Email Domain.*must be lowercase`},
		{logto.SSOProviderOIDC, `domains = ["someone@acme.com"]`, `(?s)Invalid Email Domain.*without the user part`},
		{logto.SSOProviderOIDC, `domains = ["acme"]`, `(?s)Invalid Email Domain.*needs a dot`},
		{logto.SSOProviderOIDC, `domains = ["acme..com"]`, `(?s)Invalid Email Domain.*empty label`},
		{logto.SSOProviderOIDC, `domains = ["-acme.com"]`, `(?s)Invalid Email Domain.*hyphen`},
		{logto.SSOProviderOIDC, `domains = ["acme corp.com"]`, `(?s)Invalid Email Domain.*only letters`},
		{logto.SSOProviderOIDC, `domains = ["gmail.com"]`, `(?s)Invalid Email Domain.*public email domain`},
		{logto.SSOProviderOIDC, `oidc = {
    client_id = "app"
    client_secret = "s"
    issuer = "idp.example.com"
  }`, `(?s)Invalid URL.*must start with http`},
		{logto.SSOProviderOIDC, `oidc = {
    client_id = "app"
    client_secret = "s"
    issuer = "https://"
  }`, `(?s)Invalid URL.*has no host`},
		{logto.SSOProviderOIDC, `oidc = {
    client_id = "app"
    client_secret = "s"
  }`, `Missing Issuer`},
		{logto.SSOProviderGoogleWorkspace, oidc(""), `Issuer Not Allowed for Google Workspace`},
		{logto.SSOProviderOIDC, `oidc = {
    client_id = "app"
    issuer    = "https://idp.example.com"
  }`, `Missing Client Secret`},
		{logto.SSOProviderOIDC, oidc(`client_secret_wo = "wo"
    client_secret_wo_version = 1`), `Client Secret Given Twice`},
		{logto.SSOProviderOIDC, `oidc = {
    client_id = "app"
    client_secret_wo = "wo"
    issuer = "https://idp.example.com"
  }`, `Missing Write-Only Secret Version`},
		{logto.SSOProviderOIDC, oidc(`client_secret_wo_version = 2`), `Write-Only Secret Version Without a Secret`},
		{logto.SSOProviderSAML, `saml = { metadata_url = "ftp://idp.example.com/metadata" }`, `(?s)Invalid URL.*http`},
		{logto.SSOProviderSAML, `saml = { attribute_mapping = { email = "mail" } }`, `Missing SAML Metadata`},
		{logto.SSOProviderSAML, `saml = {
    metadata_url = "https://idp.example.com/metadata"
    entity_id    = "urn:idp"
  }`, `SAML Metadata Given More Than Once`},
		{logto.SSOProviderSAML, `saml = {
    entity_id        = "urn:idp"
    sign_in_endpoint = "https://idp.example.com/sso"
  }`, `(?s)Incomplete SAML Metadata.*x509_certificate`},
		{logto.SSOProviderSAML, fmt.Sprintf(`saml = {
    entity_id        = "urn:idp"
    sign_in_endpoint = "https://idp.example.com/sso"
    x509_certificate = %q
  }`, "not-a-cert"), `(?s)Invalid Certificate.*neither a PEM certificate`},
		{logto.SSOProviderSAML, fmt.Sprintf(`saml = {
    entity_id        = "urn:idp"
    sign_in_endpoint = "https://idp.example.com/sso"
    x509_certificate = %q
  }`, cert), `(?s)Invalid Certificate.*not an X.509 certificate`},
		{logto.SSOProviderSAML, `saml = { metadata = "<EntityDescriptor><unclosed>" }`, `(?s)Invalid SAML Metadata.*well-formed`},
		{logto.SSOProviderSAML, `saml = { metadata = "<html/>" }`, `(?s)Invalid SAML Metadata.*no EntityDescriptor`},
		{logto.SSOProviderOIDC, `branding = { display_name = "" }`, `string length must be at least 1`},
	} {
		resource.Test(t, testCase(e, resource.TestStep{
			Config:      connectorConfig(e, tc.provider, acctest.RandomName("bad"), tc.body),
			PlanOnly:    true,
			ExpectError: wrapped(tc.want),
		}))
	}
	resource.Test(t, testCase(e, resource.TestStep{
		Config:      connectorConfig(e, logto.SSOProviderOIDC, "", ""),
		PlanOnly:    true,
		ExpectError: wrapped(`string length must be between 1 and 128`),
	}))
	for _, route := range []string{"POST /api/sso-connectors", "PATCH /api/sso-connectors/{id}"} {
		if n := e.Requests(route); n > 0 {
			t.Errorf("invalid configurations sent %d %s requests, want 0", n, route)
		}
	}
	// Positive control: a valid connector is counted (and the certificate's
	// bare base64 body is accepted, as Logto accepts it).
	idp := acctest.NewMockIdP(t)
	pem := idp.CertificatePEM()
	body := regexp.MustCompile(`-----[A-Z ]+-----|\s`).ReplaceAllString(pem, "")
	resource.Test(t, testCase(e, resource.TestStep{
		Config: connectorConfig(e, logto.SSOProviderSAML, acctest.RandomName("good"), fmt.Sprintf(`saml = {
    entity_id        = %q
    sign_in_endpoint = %q
    x509_certificate = %q
  }`, idp.EntityID(), idp.SignInURL(), body)),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
	}))
	if n := e.Requests("POST /api/sso-connectors"); n == 0 && e.Emulator != nil {
		t.Errorf("a valid connector sent no POST /api/sso-connectors: the counter does not count")
	}
}
