package application_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// captureDefaultSecret reads the application's Default secret from Logto
// into value (for the absence checks that follow it).
func captureDefaultSecret(e *acctest.Env, address string, value *string) statecheck.StateCheck {
	return acctest.StateCheck(address, func(v map[string]any) error {
		id, _ := v["id"].(string)
		secrets, err := e.Client.ListApplicationSecrets(context.Background(), id)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if s.Name == logto.DefaultSecretName {
				*value = s.Value
				return nil
			}
		}
		return errorf("application %s has no %q", id, logto.DefaultSecretName)
	})
}

func TestAccApplication_storeSecret(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("nosecret")
	config := func(store string) string {
		return e.Config(`
resource "logto_application" "test" {
  name = %q
  type = "MachineToMachine"
%s
}
`, name, store)
	}
	var secret string
	resource.Test(t, testCase(e,
		// Opted out: the secret is neither in the state nor in the plan.
		resource.TestStep{
			Config: config(`  store_secret = false`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(addr, acctest.Attr("secret"), knownvalue.Null()),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), acctest.AbsentFromPlan(&secret), acctest.PresentInPlan(&name)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("store_secret"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("secret"), knownvalue.Null()),
				captureDefaultSecret(e, addr, &secret),
				acctest.AbsentFromState(&secret),
				acctest.PresentInState(&name),
			},
		},
		// Turned on: read at the next apply, in place.
		resource.TestStep{
			Config: config(""),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(addr, acctest.Attr("secret")),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("store_secret"), knownvalue.Bool(true)),
				expectDefaultSecret(e),
				// Positive control of the absence checks: the same search
				// finds the secret once it is stored.
				acctest.PresentInState(&secret),
			},
		},
		// Turned off again: taken out of the state.
		resource.TestStep{
			Config: config(`  store_secret = false`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, acctest.Attr("secret"), knownvalue.Null()),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), acctest.AbsentFromPlan(&secret)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("secret"), knownvalue.Null()),
				acctest.AbsentFromState(&secret),
			},
		},
		// An import reads the secret (the configuration is not known to
		// it); the next apply takes it out again.
		resource.TestStep{
			ResourceName:            addr,
			ImportState:             true,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"store_secret", "secret"},
		},
	))
}
