package ssoconnector_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// woConfig is an Entra ID (OIDC) connector whose secret is write-only.
func woConfig(e *acctest.Env, name, issuer, secret string, version int, scope string) string {
	return connectorConfig(e, logto.SSOProviderAzureAdOidc, name, fmt.Sprintf(`
  oidc = {
    client_id                = "entra-app"
    client_secret_wo         = %q
    client_secret_wo_version = %d
    issuer                   = %q
    scope                    = %q
  }`, secret, version, issuer, scope))
}

// logtoSecret checks the client secret Logto holds.
func logtoSecret(e *acctest.Env, id *string, want string) statecheck.StateCheck {
	return logtoConnector(e, id, func(config map[string]any, _ []string) error {
		if config["clientSecret"] != want {
			return fmt.Errorf("Logto holds client secret %v, want %q", config["clientSecret"], want)
		}
		return nil
	})
}

// The write-only secret is sent at creation and when its version changes,
// never stored in the state; other configuration changes send back the
// secret Logto holds (Logto checks the whole config, secret included, on
// every PATCH). The state checks have a positive control: the same search
// finds a secret given with client_secret.
func TestAccSSOConnector_writeOnlySecret(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	idp := acctest.NewMockIdP(t)
	issuer := idp.Issuer(acctest.RandomName("tenant") + "/v2.0")
	name := acctest.RandomName("wo")
	s1, s2, s3 := "wo-first-"+acctest.RandomName("s"), "wo-second-"+acctest.RandomName("s"), "plain-"+acctest.RandomName("s")
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           woConfig(e, name, issuer, s1, 1, "openid"),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID(addr, &id),
				secretCheck{secret: s1, want: false},
				statecheck.ExpectKnownValue(addr, acctest.Attr("oidc", "client_secret"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, acctest.Attr("oidc", "client_secret_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, acctest.Attr("oidc", "client_secret_wo_version"), knownvalue.Int64Exact(1)),
				logtoSecret(e, &id, s1),
			},
		},
		// Another secret in the configuration without a new version: not
		// sent. The scope change sends the whole config, with Logto's secret.
		resource.TestStep{
			Config:           woConfig(e, name, issuer, s2, 1, "openid offline_access"),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(addr, &id),
				secretCheck{secret: s1, want: false},
				secretCheck{secret: s2, want: false},
				logtoSecret(e, &id, s1),
				logtoConnector(e, &id, func(config map[string]any, _ []string) error {
					if config["scope"] != "openid offline_access" {
						return fmt.Errorf("scope in Logto = %v", config["scope"])
					}
					return nil
				}),
			},
		},
		// The version bumped: the new secret is sent, and only that changes.
		resource.TestStep{
			Config:           woConfig(e, name, issuer, s2, 2, "openid offline_access"),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(addr, &id),
				secretCheck{secret: s2, want: false},
				statecheck.ExpectKnownValue(addr, acctest.Attr("oidc", "client_secret_wo_version"), knownvalue.Int64Exact(2)),
				logtoSecret(e, &id, s2),
			},
		},
		// Import cannot know the write-only secret: it reads Logto's secret
		// into client_secret, and no version.
		resource.TestStep{
			ResourceName: addr, ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"oidc.client_secret", "oidc.client_secret_wo_version"},
		},
		// Positive control: a secret kept in the state is found by the same check.
		resource.TestStep{
			Config: connectorConfig(e, logto.SSOProviderAzureAdOidc, name, fmt.Sprintf(`
  oidc = {
    client_id     = "entra-app"
    client_secret = %q
    issuer        = %q
    scope         = "openid offline_access"
  }`, s3, issuer)),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(addr, &id),
				secretCheck{secret: s3, want: true},
				logtoSecret(e, &id, s3),
			},
		},
		// And back to write-only: client_secret leaves the state.
		resource.TestStep{
			Config:           woConfig(e, name, issuer, s1, 3, "openid offline_access"),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				secretCheck{secret: s3, want: false},
				secretCheck{secret: s1, want: false},
				logtoSecret(e, &id, s1),
			},
		},
	))
}

// After an import, a configuration with the write-only secret plans one
// update: the imported client_secret leaves the state and the secret is sent.
func TestAccSSOConnector_importWithWriteOnlySecret(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	idp := acctest.NewMockIdP(t)
	issuer := idp.Issuer(acctest.RandomName("tenant") + "/v2.0")
	name := acctest.RandomName("wo-import")
	created, err := e.Client.CreateSSOConnector(t.Context(), logto.SSOConnectorCreate{
		ProviderName: logto.SSOProviderAzureAdOidc, ConnectorName: name,
		Config: []byte(fmt.Sprintf(`{"clientId":"entra-app","clientSecret":"from-the-console","issuer":%q}`, issuer)),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.DeleteSSOConnectorIfExists(t, created.ID) })
	id := created.ID
	config := woConfig(e, name, issuer, "from-terraform", 1, "openid") + fmt.Sprintf(`
import {
  to = %s
  id = %q
}
`, addr, created.ID)
	resource.Test(t, testCase(e, resource.TestStep{
		Config: config,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(addr, acctest.Attr("oidc", "client_secret"), knownvalue.Null()),
			},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.ExpectIDUnchanged(addr, &id),
			secretCheck{secret: "from-the-console", want: false},
			logtoSecret(e, &id, "from-terraform"),
		},
	}))
}
