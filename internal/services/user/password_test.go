package user_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

// absentFromState fails when the JSON rendering of the state (what
// `terraform show -json` reads from the state file, sensitive values
// included) contains any of the strings *values point to.
type absentFromState struct{ values []*string }

func (c absentFromState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = notIn("state", req.State, c.values)
}

// absentFromPlan is absentFromState for the plan (the plan file as
// `terraform show -json` reads it, prior state included).
type absentFromPlan struct{ values []*string }

func (c absentFromPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = notIn("plan", req.Plan, c.values)
}

func notIn(what string, doc any, values []*string) error {
	raw, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	if len(raw) < 100 {
		return fmt.Errorf("the %s is suspiciously small: %s", what, raw)
	}
	for _, v := range values {
		if *v == "" {
			return fmt.Errorf("an empty value cannot be looked for in the %s", what)
		}
		if strings.Contains(string(raw), *v) {
			return fmt.Errorf("the %s holds the value %q", what, *v)
		}
	}
	return nil
}

func TestNotIn_positiveControl(t *testing.T) {
	t.Parallel()
	doc := map[string]any{"values": map[string]any{"password_wo": "Secret-1", "pad": strings.Repeat("x", 100)}}
	secret, other := "Secret-1", "Secret-2"
	if err := notIn("state", doc, []*string{&secret}); err == nil {
		t.Error("notIn did not find a value that is in the document")
	}
	if err := notIn("state", doc, []*string{&other}); err != nil {
		t.Errorf("notIn found a value that is not in the document: %v", err)
	}
}

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
	hasPassword := resourceStateCheck{addr, func(v map[string]any) error {
		id, _ = v["id"].(string)
		if !e.GetUser(t, id).HasPassword {
			return fmt.Errorf("user %s has no password in Logto", id)
		}
		return nil
	}}
	secrets := []*string{&first, &second, &third}
	// Positive control for the plan check: the username is in every plan.
	usernameInPlan := plancheck.PlanCheck(planHolds{&name})
	resource.Test(t, testCase(e,
		// Created with a password: Logto has one, the plan and the state
		// do not.
		resource.TestStep{
			Config:          cfg(1),
			ConfigVariables: password(first),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{absentFromPlan{secrets}, usernameInPlan},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), absentFromPlan{secrets}},
			},
			ConfigStateChecks: []statecheck.StateCheck{hasPassword, absentFromState{secrets}, stateHolds{&name}},
			Check: func(*terraform.State) error {
				if n := requests(e, patch); n > 0 {
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
				if n := requests(e, patch); n > 0 {
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
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate), absentFromPlan{secrets}},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), absentFromPlan{secrets}},
			},
			ConfigStateChecks: []statecheck.StateCheck{hasPassword, absentFromState{secrets}},
			Check: func(*terraform.State) error {
				if n := requests(e, patch); e.Emulator != nil && n != 1 {
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

// stateHolds is the positive control of absentFromState: the same search
// finds a value that is in the state.
type stateHolds struct{ value *string }

func (c stateHolds) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if notIn("state", req.State, []*string{c.value}) == nil {
		resp.Error = fmt.Errorf("the search did not find %q in the state: it cannot find the password either", *c.value)
	}
}

// planHolds is the positive control of absentFromPlan.
type planHolds struct{ value *string }

func (c planHolds) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if notIn("plan", req.Plan, []*string{c.value}) == nil {
		resp.Error = fmt.Errorf("the search did not find %q in the plan: it cannot find the password either", *c.value)
	}
}
