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

// captureSecret stores the resource's secret for later steps.
func captureSecret(secret *string) statecheck.StateCheck {
	return acctest.StateCheck(addr, func(v map[string]any) error {
		s, _ := v["secret"].(string)
		if s == "" {
			return errorf("%s has no secret", addr)
		}
		*secret = s
		return nil
	})
}

// expectSecretChanged asserts the state's secret differs from the recorded one.
func expectSecretChanged(old *string) statecheck.StateCheck {
	return acctest.StateCheck(addr, func(v map[string]any) error {
		if s, _ := v["secret"].(string); s == *old {
			return errorf("%s secret still holds the value from before the rotation", addr)
		}
		return nil
	})
}

// TestAccApplication_secretRotatedInConsole: the Default secret is read on
// every refresh, so a secret rotated in the Console (deleted and created
// again under the same name) reaches the state at the next plan, and one
// deleted there reads as null; nothing is planned for either.
func TestAccApplication_secretRotatedInConsole(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("rotate")
	var id, secret string
	config := e.Config(`
resource "logto_application" "test" {
  name = %q
  type = "MachineToMachine"
}
`, name)
	rotate := func() {
		ctx := context.Background()
		if err := e.Client.DeleteApplicationSecret(ctx, id, logto.DefaultSecretName); err != nil {
			t.Fatalf("deleting the Default secret: %v", err)
		}
		if _, err := e.Client.CreateApplicationSecret(ctx, id, logto.ApplicationSecretCreate{Name: logto.DefaultSecretName}); err != nil {
			t.Fatalf("creating a new Default secret: %v", err)
		}
	}
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:            config,
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id), captureSecret(&secret), expectDefaultSecret(e)},
		},
		resource.TestStep{
			PreConfig: rotate,
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				expectSecretChanged(&secret),
				expectDefaultSecret(e),
				acctest.ExpectIDUnchanged(addr, &id),
			},
		},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.DeleteApplicationSecret(context.Background(), id, logto.DefaultSecretName); err != nil {
					t.Fatalf("deleting the Default secret: %v", err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("secret"), knownvalue.Null()),
				acctest.ExpectIDUnchanged(addr, &id),
			},
		},
	))
}
