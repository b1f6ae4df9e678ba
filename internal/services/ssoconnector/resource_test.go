package ssoconnector_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

var connectorID = regexp.MustCompile(`^[0-9a-z]{12}$`)

// connectorConfig is a logto_sso_connector "test" with the given body.
func connectorConfig(e *acctest.Env, provider, name, body string) string {
	return e.Config(`
resource "logto_sso_connector" "test" {
  provider_name  = %q
  connector_name = %q
  %s
}
`, provider, name, body)
}

// oidcBlock is an oidc block for an issuer ("" for Google Workspace).
func oidcBlock(clientID, secret, issuer, extra string) string {
	is := ""
	if issuer != "" {
		is = fmt.Sprintf("issuer = %q", issuer)
	}
	return fmt.Sprintf(`oidc = {
    client_id     = %q
    client_secret = %q
    %s
    %s
  }`, clientID, secret, is, extra)
}

// expectRedirectURI checks redirect_uri against the connector's id.
func expectRedirectURI(e *acctest.Env) statecheck.StateCheck {
	return acctest.StateCheck(addr, func(v map[string]any) error {
		want := e.Endpoint + "/callback/" + fmt.Sprint(v["id"])
		if v["redirect_uri"] != want {
			return fmt.Errorf("redirect_uri = %v, want %s", v["redirect_uri"], want)
		}
		return nil
	})
}

// The OIDC family, each provider against the mock IdP: create, update of
// domains, branding and configuration in place, import.
func TestAccSSOConnector_oidcFamily(t *testing.T) {
	t.Parallel()
	for _, provider := range []string{logto.SSOProviderOIDC, logto.SSOProviderOkta, logto.SSOProviderAzureAdOidc, logto.SSOProviderGoogleWorkspace} {
		t.Run(provider, func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t)
			idp := acctest.NewMockIdP(t)
			issuer, issuer2 := idp.Issuer(acctest.RandomName("tenant")+"/v2.0"), idp.Issuer(acctest.RandomName("tenant2"))
			if provider == logto.SSOProviderGoogleWorkspace {
				if acctest.RealLogto() {
					t.Skip("Google Workspace's issuer is fixed (https://accounts.google.com): Logto must reach Google")
				}
				e.Emulator.SetIdentityProviderClient(idp.GoogleClient())
				issuer, issuer2 = "", ""
			}
			name := acctest.RandomName(strings.ToLower(provider))
			d1, d2, d3 := domain("a"), domain("b"), domain("c")
			var id string
			first := connectorConfig(e, provider, name, fmt.Sprintf(`
  domains  = [%q, %q]
  branding = { display_name = "Acme", logo = "https://example.com/logo.png" }
  sync_profile = true
  %s`, d1, d2, oidcBlock("client-1", "secret-1", issuer, "")))
			second := connectorConfig(e, provider, name+"-renamed", fmt.Sprintf(`
  domains  = [%q]
  branding = { dark_logo = "https://example.com/dark.png" }
  sync_profile = false
  %s`, d3, oidcBlock("client-2", "secret-2", issuer2, `scope = "offline_access groups"
    trust_unverified_email = true`)))
			resource.Test(t, testCase(e,
				resource.TestStep{
					Config: first,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							// Known at plan time: not a SAML connector.
							plancheck.ExpectKnownValue(addr, acctest.Attr("saml_acs_url"), knownvalue.Null()),
							plancheck.ExpectKnownValue(addr, acctest.Attr("saml_sp_entity_id"), knownvalue.Null()),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						acctest.CaptureID(addr, &id),
						statecheck.ExpectKnownValue(addr, acctest.Attr("id"), knownvalue.StringRegexp(connectorID)),
						statecheck.ExpectKnownValue(addr, acctest.Attr("provider_name"), knownvalue.StringExact(provider)),
						statecheck.ExpectKnownValue(addr, acctest.Attr("domains"), knownvalue.SetExact([]knownvalue.Check{
							knownvalue.StringExact(d1), knownvalue.StringExact(d2),
						})),
						statecheck.ExpectKnownValue(addr, acctest.Attr("branding"), knownvalue.ObjectExact(map[string]knownvalue.Check{
							"display_name": knownvalue.StringExact("Acme"),
							"logo":         knownvalue.StringExact("https://example.com/logo.png"),
							"dark_logo":    knownvalue.Null(),
						})),
						statecheck.ExpectKnownValue(addr, acctest.Attr("sync_profile"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(addr, acctest.Attr("enable_token_storage"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(addr, acctest.Attr("oidc", "trust_unverified_email"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(addr, acctest.Attr("oidc", "scope"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, acctest.Attr("saml"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, acctest.Attr("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
						expectRedirectURI(e),
						logtoConnector(e, &id, func(config map[string]any, _ []string) error {
							if config["clientId"] != "client-1" || config["clientSecret"] != "secret-1" {
								return fmt.Errorf("Logto's config = %v", config)
							}
							return nil
						}),
					},
				},
				resource.TestStep{
					Config:           second,
					ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
					ConfigStateChecks: []statecheck.StateCheck{
						acctest.ExpectIDUnchanged(addr, &id),
						statecheck.ExpectKnownValue(addr, acctest.Attr("connector_name"), knownvalue.StringExact(name+"-renamed")),
						statecheck.ExpectKnownValue(addr, acctest.Attr("domains"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(d3)})),
						statecheck.ExpectKnownValue(addr, acctest.Attr("branding", "display_name"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, acctest.Attr("branding", "dark_logo"), knownvalue.StringExact("https://example.com/dark.png")),
						statecheck.ExpectKnownValue(addr, acctest.Attr("oidc", "scope"), knownvalue.StringExact("offline_access groups")),
						expectRedirectURI(e),
						logtoConnector(e, &id, func(config map[string]any, domains []string) error {
							if config["clientId"] != "client-2" || config["clientSecret"] != "secret-2" ||
								config["scope"] != "offline_access groups" || config["trustUnverifiedEmail"] != true ||
								!slices.Equal(domains, []string{d3}) {
								return fmt.Errorf("Logto's config = %v, domains %v", config, domains)
							}
							return nil
						}),
					},
				},
				resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true},
				resource.TestStep{Config: second, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			))
		})
	}
}

// expectSAMLServiceProvider checks the SAML service provider's values taken
// from Logto's answer: Logto builds them from its own endpoint and the id.
func expectSAMLServiceProvider() statecheck.StateCheck {
	return acctest.StateCheck(addr, func(v map[string]any) error {
		id := fmt.Sprint(v["id"])
		acs, _ := v["saml_acs_url"].(string)
		entity, _ := v["saml_sp_entity_id"].(string)
		if !strings.HasSuffix(acs, "/api/authn/single-sign-on/saml/"+id) || !strings.HasSuffix(entity, "/enterprise-sso/"+id) ||
			!strings.HasPrefix(acs, "http") || v["redirect_uri"] != nil {
			return fmt.Errorf("saml_acs_url = %q, saml_sp_entity_id = %q, redirect_uri = %v", acs, entity, v["redirect_uri"])
		}
		return nil
	})
}

// The SAML family, each provider with each way of giving the metadata:
// create, update (switching the metadata source, attribute mapping, domains,
// branding), import.
func TestAccSSOConnector_samlFamily(t *testing.T) {
	t.Parallel()
	for _, provider := range []string{logto.SSOProviderSAML, logto.SSOProviderAzureAD} {
		t.Run(provider, func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t)
			idp := acctest.NewMockIdP(t)
			name := acctest.RandomName(strings.ToLower(provider))
			d1 := domain("saml")
			byURL := connectorConfig(e, provider, name, fmt.Sprintf(`
  domains = [%q]
  saml = {
    metadata_url      = %q
    attribute_mapping = { email = "mail", name = "displayName" }
  }`, d1, idp.MetadataURL()))
			byXML := connectorConfig(e, provider, name, fmt.Sprintf(`
  branding = { display_name = "Acme SAML" }
  saml = {
    metadata = <<-XML
%sXML
  }`, idp.MetadataXML()))
			byHand := connectorConfig(e, provider, name, fmt.Sprintf(`
  domains = []
  saml = {
    entity_id         = %q
    sign_in_endpoint  = %q
    x509_certificate  = <<-PEM
%sPEM
    attribute_mapping = { id = "uid" }
  }`, idp.EntityID(), idp.SignInURL(), idp.CertificatePEM()))
			var id string
			resource.Test(t, testCase(e,
				resource.TestStep{
					Config: byURL,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectKnownValue(addr, acctest.Attr("redirect_uri"), knownvalue.Null())},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						acctest.CaptureID(addr, &id),
						expectSAMLServiceProvider(),
						statecheck.ExpectKnownValue(addr, acctest.Attr("oidc"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, acctest.Attr("saml", "metadata_url"), knownvalue.StringExact(idp.MetadataURL())),
						statecheck.ExpectKnownValue(addr, acctest.Attr("saml", "attribute_mapping"), knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": knownvalue.Null(), "email": knownvalue.StringExact("mail"), "name": knownvalue.StringExact("displayName"),
						})),
						statecheck.ExpectKnownValue(addr, acctest.Attr("domains"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(d1)})),
					},
				},
				resource.TestStep{
					Config:           byXML,
					ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
					ConfigStateChecks: []statecheck.StateCheck{
						acctest.ExpectIDUnchanged(addr, &id),
						expectSAMLServiceProvider(),
						statecheck.ExpectKnownValue(addr, acctest.Attr("saml", "metadata_url"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, acctest.Attr("saml", "attribute_mapping"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, acctest.Attr("branding", "display_name"), knownvalue.StringExact("Acme SAML")),
						// Domains omitted: left as they are.
						statecheck.ExpectKnownValue(addr, acctest.Attr("domains"), knownvalue.SetSizeExact(1)),
						logtoConnector(e, &id, func(config map[string]any, _ []string) error {
							if _, ok := config["metadataUrl"]; ok || config["metadata"] == nil || config["attributeMapping"] != nil {
								return fmt.Errorf("Logto's config keeps the old source or mapping: %v", config)
							}
							return nil
						}),
					},
				},
				resource.TestStep{
					Config:           byHand,
					ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
					ConfigStateChecks: []statecheck.StateCheck{
						acctest.ExpectIDUnchanged(addr, &id),
						statecheck.ExpectKnownValue(addr, acctest.Attr("saml", "metadata"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, acctest.Attr("saml", "entity_id"), knownvalue.StringExact(idp.EntityID())),
						statecheck.ExpectKnownValue(addr, acctest.Attr("saml", "attribute_mapping", "id"), knownvalue.StringExact("uid")),
						statecheck.ExpectKnownValue(addr, acctest.Attr("domains"), knownvalue.SetSizeExact(0)),
					},
				},
				resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true},
				resource.TestStep{Config: byHand, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			))
		})
	}
}
