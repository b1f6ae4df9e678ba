package application_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

const secretAddr = "logto_application_secret.test"

func secretConfig(e *acctest.Env, appName, appType, secretBlock string) string {
	return e.Config(`
resource "logto_application" "app" {
  name = %q
  type = %q
}

resource "logto_application_secret" "test" {
  application_id = logto_application.app.id
%s
}
`, appName, appType, secretBlock)
}

// expectSecretInLogto asserts that the secret in the state is the one Logto
// lists for the application, value included.
func expectSecretInLogto(e *acctest.Env) statecheck.StateCheck {
	return acctest.StateCheck(secretAddr, func(v map[string]any) error {
		appID, _ := v["application_id"].(string)
		name, _ := v["name"].(string)
		value, _ := v["value"].(string)
		secrets, err := e.Client.ListApplicationSecrets(context.Background(), appID)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if s.Name == name {
				if value == "" || s.Value != value {
					return errorf("the state's value of secret %q is not Logto's", name)
				}
				return nil
			}
		}
		return errorf("application %s has no secret %q", appID, name)
	})
}

func TestAccApplicationSecret_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	appName := acctest.RandomName("secret-app")
	expires := time.Now().Add(90 * 24 * time.Hour).UTC().Truncate(time.Second).Format(time.RFC3339)
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config: secretConfig(e, appName, "MachineToMachine", `  name       = "ci"
  expires_at = "`+expires+`"`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(secretAddr, acctest.Attr("name"), knownvalue.StringExact("ci")),
				statecheck.ExpectKnownValue(secretAddr, acctest.Attr("expires_at"), knownvalue.StringExact(expires)),
				statecheck.ExpectKnownValue(secretAddr, acctest.Attr("value"), knownvalue.StringRegexp(regexp.MustCompile(`^\S{16,}$`))),
				statecheck.CompareValuePairs(secretAddr, acctest.Attr("application_id"), "logto_application.app", acctest.Attr("id"), compare.ValuesSame()),
				expectSecretInLogto(e),
				acctest.CaptureID(secretAddr, &id),
			},
		},
		// A rename keeps the secret (same value), in place.
		resource.TestStep{
			Config: secretConfig(e, appName, "MachineToMachine", `  name       = "ci-renamed"
  expires_at = "`+expires+`"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(secretAddr, acctest.Attr("name"), knownvalue.StringExact("ci-renamed")),
				expectSecretInLogto(e),
			},
		},
		resource.TestStep{ResourceName: secretAddr, ImportState: true, ImportStateVerify: true},
		// Removing the expiry replaces the secret.
		resource.TestStep{
			Config: secretConfig(e, appName, "MachineToMachine", `  name = "ci-renamed"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionReplace)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(secretAddr, acctest.Attr("expires_at"), knownvalue.Null()),
				expectSecretInLogto(e),
			},
		},
		// Deleted in the Console: the plan creates it again, without error.
		resource.TestStep{
			PreConfig: func() {
				app := e.ApplicationsNamed(t, appName)
				if len(app) != 1 {
					t.Fatalf("want one application named %s, got %d", appName, len(app))
				}
				if err := e.Client.DeleteApplicationSecret(context.Background(), app[0].ID, "ci-renamed"); err != nil {
					t.Fatal(err)
				}
			},
			Config: secretConfig(e, appName, "MachineToMachine", `  name = "ci-renamed"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionCreate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{expectSecretInLogto(e)},
		},
	))
}

func TestAccApplicationSecret_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	appName := acctest.RandomName("secret-bad")
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:      secretConfig(e, appName, "Traditional", `  name = "x"`+"\n"+`  expires_at = "2001-01-01T00:00:00Z"`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Expiry In The Past`),
		},
		resource.TestStep{
			Config:      secretConfig(e, appName, "Traditional", `  name = "x"`+"\n"+`  expires_at = "next year"`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Invalid RFC3339 String Value`),
		},
		resource.TestStep{
			Config:      secretConfig(e, appName, "Traditional", `  name = "Default secret"`),
			ExpectError: regexp.MustCompile(`(?s)application\.secret_name_exists.*Choose another name`),
		},
		resource.TestStep{
			Config:      secretConfig(e, appName, "SPA", `  name = "x"`),
			ExpectError: regexp.MustCompile(`(?s)entity\.db_constraint_violated.*Only Traditional, MachineToMachine and Protected`),
		},
		resource.TestStep{
			Config: e.Config(`
resource "logto_application_secret" "test" {
  application_id = "x"
  name           = "y"
}
`),
			ResourceName:  secretAddr,
			ImportState:   true,
			ImportStateId: "no-slash",
			ExpectError:   regexp.MustCompile(`<application_id>/<secret_name>`),
		},
	))
}
