package application_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/framework"
)

// TestAccApplication_customDataCanonical: custom_data with keys of several
// lengths, nested, which Logto answers in jsonb key order (shorter keys
// first) while jsonencode sorts them: apply, terraform import, an import
// block and a refresh all plan nothing.
func TestAccApplication_customDataCanonical(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("custom")
	var id string
	config := e.Config(`
resource "logto_application" "test" {
  name = %q
  type = "Traditional"
  custom_data = jsonencode({
    zz                = 1
    id                = "x"
    owner             = { team = "iam", cc = 1.50, tags = ["b", "a"], nested = { yy = true, a = null } }
    tier              = 1e3
    a                 = "<&>"
    description_extra = "long key"
  })
}
`, name)
	const want = `{"a":"\u003c\u0026\u003e","description_extra":"long key","id":"x",` +
		`"owner":{"cc":1.5,"nested":{"a":null,"yy":true},"tags":["b","a"],"team":"iam"},"tier":1000,"zz":1}`
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("custom_data"), knownvalue.StringExact(want)),
				acctest.CaptureID(addr, &id),
				// Logto holds the same object; whatever key order it answers
				// with, its canonical form is what jsonencode wrote.
				stateCheckFunc(func(ctx context.Context) error {
					app, err := e.Client.GetApplication(ctx, id)
					if err != nil {
						return err
					}
					got, err := framework.CanonicalizeJSON(app.CustomData)
					if err != nil || got != want {
						return errorf("Logto's customData %s is not the configured object (%v)", app.CustomData, err)
					}
					t.Logf("Logto answers customData as %s", app.CustomData)
					return nil
				}),
			},
		},
		// terraform import: every attribute read back, custom_data included.
		resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true},
		// An import block: a no-op import, no update planned.
		resource.TestStep{
			Config:          config,
			ResourceName:    addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
		},
		// A refresh plans nothing either.
		resource.TestStep{
			RefreshState:      true,
			RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}
