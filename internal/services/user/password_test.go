package user_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

func TestAccUser_password(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := username("password")
	first, second, third := "First-Passw0rd!"+name, "Second-Passw0rd!"+name, "Third-Passw0rd!"+name
	// The password comes from an ephemeral variable, as it would in real
	// use: a literal in the configuration would be in the plan file's copy
	// of the configuration.
	cfg := func(version int) string {
		return e.Config(`
variable "password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "logto_user" "test" {
  username            = %q
  password_wo         = var.password
  password_wo_version = %d
}
`, name, version)
	}
	password := func(pw string) config.Variables { return config.Variables{"password": config.StringVariable(pw)} }
	const patch = "PATCH /api/users/{id}/password"
	var id string
	hasPassword := acctest.StateCheck(addr, func(v map[string]any) error {
		id, _ = v["id"].(string)
		if !e.GetUser(t, id).HasPassword {
			return fmt.Errorf("user %s has no password in Logto", id)
		}
		return nil
	})
	secrets := []*string{&first, &second, &third}
	// Positive control for the plan check: the username is in every plan.
	usernameInPlan := acctest.PresentInPlan(&name)
	resource.Test(t, testCase(e,
		// Created with a password: Logto has one, the plan and the state
		// do not.
		resource.TestStep{
			Config:          cfg(1),
			ConfigVariables: password(first),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{acctest.AbsentFromPlan(secrets...), usernameInPlan},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), acctest.AbsentFromPlan(secrets...)},
			},
			ConfigStateChecks: []statecheck.StateCheck{hasPassword, acctest.AbsentFromState(secrets...), acctest.PresentInState(&name)},
			Check: func(*terraform.State) error {
				if n := e.Requests(patch); n > 0 {
					return fmt.Errorf("%d %s at create, want the password in the POST", n, patch)
				}
				return nil
			},
		},
		// A new password without a new version: Terraform cannot see it,
		// nothing is sent.
		resource.TestStep{
			Config:          cfg(1),
			ConfigVariables: password(second),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(*terraform.State) error {
				if n := e.Requests(patch); n > 0 {
					return fmt.Errorf("%d %s without a version change, want none", n, patch)
				}
				return nil
			},
		},
		// A new version sends it.
		resource.TestStep{
			Config:          cfg(2),
			ConfigVariables: password(third),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate), acctest.AbsentFromPlan(secrets...)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), acctest.AbsentFromPlan(secrets...)},
			},
			ConfigStateChecks: []statecheck.StateCheck{hasPassword, acctest.AbsentFromState(secrets...)},
			Check: func(*terraform.State) error {
				if n := e.Requests(patch); e.Emulator != nil && n != 1 {
					return fmt.Errorf("%d %s after the version changed, want 1", n, patch)
				}
				return nil
			},
		},
		resource.TestStep{
			ConfigVariables:         password(third),
			ResourceName:            addr,
			ImportState:             true,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"password_wo_version"},
		},
	))
}
