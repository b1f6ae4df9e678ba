package ssoconnector_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// The data source finds a connector by id and by exact name, with the values
// the resource has, and never exposes the client secret.
func TestAccSSOConnectorDataSource_byIDAndName(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	idp := acctest.NewMockIdP(t)
	name := acctest.RandomName("ds")
	secret := "ds-secret-" + acctest.RandomName("s")
	d1 := domain("ds")
	config := e.Config(`
resource "logto_sso_connector" "oidc" {
  provider_name  = "AzureAdOidc"
  connector_name = %[1]q
  domains        = [%[2]q]
  branding       = { display_name = "Acme" }
  oidc = {
    client_id     = "entra-app"
    client_secret = %[3]q
    issuer        = %[4]q
    scope         = "offline_access"
  }
}
resource "logto_sso_connector" "saml" {
  provider_name  = "AzureAD"
  connector_name = "%[1]s-saml"
  saml = {
    metadata_url      = %[5]q
    attribute_mapping = { email = "mail" }
  }
}
data "logto_sso_connector" "by_id" {
  id = logto_sso_connector.oidc.id
}
data "logto_sso_connector" "by_name" {
  connector_name = logto_sso_connector.saml.connector_name
}
`, name, d1, secret, idp.Issuer(acctest.RandomName("tenant")+"/v2.0"), idp.MetadataURL())
	same := compare.ValuesSame()
	pair := func(res, ds, attribute string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(res, acctest.Attr(attribute), ds, acctest.Attr(attribute), same)
	}
	const byID, byName = "data.logto_sso_connector.by_id", "data.logto_sso_connector.by_name"
	var checks []statecheck.StateCheck
	for _, a := range []string{"id", "provider_name", "connector_name", "domains", "branding", "sync_profile", "enable_token_storage",
		"redirect_uri", "saml_acs_url", "saml_sp_entity_id", "created_at"} {
		checks = append(checks, pair("logto_sso_connector.oidc", byID, a), pair("logto_sso_connector.saml", byName, a))
	}
	checks = append(checks,
		pair("logto_sso_connector.saml", byName, "saml"),
		statecheck.ExpectKnownValue(byID, acctest.Attr("oidc"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"client_id":              knownvalue.StringExact("entra-app"),
			"issuer":                 knownvalue.StringRegexp(regexp.MustCompile(`/v2\.0$`)),
			"scope":                  knownvalue.StringExact("offline_access"),
			"trust_unverified_email": knownvalue.Bool(false),
		})),
		statecheck.ExpectKnownValue(byID, acctest.Attr("saml"), knownvalue.Null()),
		statecheck.ExpectKnownValue(byName, acctest.Attr("oidc"), knownvalue.Null()),
		statecheck.ExpectKnownValue(byName, acctest.Attr("redirect_uri"), knownvalue.Null()),
		// The resource keeps its client_secret in the state: the secret
		// there comes from it (positive control), not from the data source.
		secretCheck{secret: secret, want: true},
		dataSourceLacks(byID, secret),
	)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             e.CheckSSOConnectorsDestroyed,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
}

// dataSourceLacks asserts that no attribute of a data source holds text.
func dataSourceLacks(address, text string) statecheck.StateCheck {
	return acctest.StateCheck(address, func(v map[string]any) error {
		if s := fmt.Sprint(v); regexp.MustCompile(regexp.QuoteMeta(text)).MatchString(s) {
			return fmt.Errorf("%s holds %q", address, text)
		}
		return nil
	})
}

func TestAccSSOConnectorDataSource_notFound(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	for _, tc := range []struct{ body, want string }{
		{`id = "doesnotexist"`, `No SSO connector has the ID "doesnotexist"`},
		{`connector_name = "` + acctest.RandomName("missing") + `"`, `No SSO connector is named`},
		{``, `(?s)Missing Attribute Configuration`},
		{`id = "a"` + "\n" + `connector_name = "b"`, `(?s)Invalid Attribute Combination`},
	} {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
			Steps: []resource.TestStep{{
				Config:      e.Config("data \"logto_sso_connector\" \"x\" {\n%s\n}\n", tc.body),
				ExpectError: wrapped(tc.want),
			}},
		})
	}
}

func TestAccSSOConnectorProvidersDataSource(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	const ds = "data.logto_sso_connector_providers.all"
	want := []knownvalue.Check{}
	for _, p := range []struct{ name, typ, display string }{
		{logto.SSOProviderOIDC, "oidc", "OIDC"},
		{logto.SSOProviderSAML, "saml", "SAML"},
		{logto.SSOProviderAzureAD, "saml", "Microsoft Entra ID (SAML)"},
		{logto.SSOProviderAzureAdOidc, "oidc", "Microsoft Entra ID (OIDC)"},
		{logto.SSOProviderGoogleWorkspace, "oidc", "Google Workspace"},
		{logto.SSOProviderOkta, "oidc", "Okta"},
	} {
		want = append(want, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"provider_name": knownvalue.StringExact(p.name),
			"provider_type": knownvalue.StringExact(p.typ),
			"name":          knownvalue.StringExact(p.display),
			"description":   knownvalue.StringRegexp(regexp.MustCompile(`\w`)),
			"logo":          knownvalue.StringRegexp(regexp.MustCompile(`^data:image/`)),
			"logo_dark":     knownvalue.StringRegexp(regexp.MustCompile(`^data:image/`)),
		}))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:            e.Config(`data "logto_sso_connector_providers" "all" {}`),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(ds, acctest.Attr("providers"), knownvalue.ListExact(want))},
		}},
	})
}
