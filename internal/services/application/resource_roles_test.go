package application_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

const rolesAddr = "logto_application_roles.test"

func rolesTestCase(e *acctest.Env, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckAll(e.CheckRoleAssignmentsDestroyed, e.CheckApplicationsDestroyed, e.CheckAccessDestroyed),
		Steps:                    steps,
	}
}

// rolesConfig is an M2M application, three MachineToMachine roles (a, b, c),
// a User role, and the application's role set (roleIDs, an HCL list) when
// roleIDs is not empty.
func rolesConfig(e *acctest.Env, prefix, appType, roleIDs string) string {
	set := ""
	if roleIDs != "" {
		set = fmt.Sprintf(`
resource "logto_application_roles" "test" {
  application_id = logto_application.app.id
  role_ids       = %s
}
`, roleIDs)
	}
	return e.Config(`
resource "logto_application" "app" {
  name = "%[1]s-app"
  type = %[2]q
}

resource "logto_role" "a" {
  name = "%[1]s-a"
  type = "MachineToMachine"
}

resource "logto_role" "b" {
  name = "%[1]s-b"
  type = "MachineToMachine"
}

resource "logto_role" "c" {
  name = "%[1]s-c"
  type = "MachineToMachine"
}

resource "logto_role" "user" {
  name = "%[1]s-user"
  type = "User"
}
%[3]s`, prefix, appType, set)
}

// expectAppRolesInLogto asserts that the roles Logto lists for the
// application are exactly the state's role_ids, and that they are the given
// logto_role resources.
func expectAppRolesInLogto(e *acctest.Env, roles ...string) []statecheck.StateCheck {
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(rolesAddr, acctest.Attr("role_ids"), knownvalue.SetSizeExact(len(roles))),
		acctest.StateCheck(rolesAddr, func(v map[string]any) error {
			appID, _ := v["application_id"].(string)
			if v["id"] != appID {
				return errorf("%s id = %v, want the application id %s", rolesAddr, v["id"], appID)
			}
			var inState []string
			raw, _ := v["role_ids"].([]any)
			for _, x := range raw {
				s, _ := x.(string)
				inState = append(inState, s)
			}
			sort.Strings(inState)
			held, err := e.Client.ListApplicationRoles(context.Background(), appID)
			if err != nil {
				return err
			}
			var inLogto []string
			for _, r := range held {
				inLogto = append(inLogto, r.ID)
			}
			sort.Strings(inLogto)
			if !slices.Equal(inState, inLogto) {
				return errorf("state role_ids %v, Logto holds %v", inState, inLogto)
			}
			return nil
		}),
	}
	for _, r := range roles {
		checks = append(checks, statecheck.CompareValueCollection(rolesAddr, []tfjsonpath.Path{acctest.Attr("role_ids")},
			"logto_role."+r, acctest.Attr("id"), compare.ValuesSame()))
	}
	return checks
}

// appIDOf reads the application id from the state into id.
func appIDOf(id *string) statecheck.StateCheck { return acctest.CaptureID("logto_application.app", id) }

// roleIDOf reads a logto_role's id from the state.
func roleIDOf(name string, id *string) statecheck.StateCheck {
	return acctest.CaptureID("logto_role."+name, id)
}

func TestAccApplicationRoles_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := acctest.RandomName("approles")
	var appID, roleC string
	resource.Test(t, rolesTestCase(e,
		resource.TestStep{
			Config:           rolesConfig(e, prefix, "MachineToMachine", `[logto_role.a.id, logto_role.b.id]`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: append(expectAppRolesInLogto(e, "a", "b"),
				appIDOf(&appID), roleIDOf("c", &roleC)),
		},
		// A role given in the Console is taken away again: the set is
		// authoritative.
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.AssignApplicationRoles(context.Background(), appID, []string{roleC}); err != nil {
					t.Fatal(err)
				}
			},
			Config: rolesConfig(e, prefix, "MachineToMachine", `[logto_role.a.id, logto_role.b.id]`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(rolesAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: expectAppRolesInLogto(e, "a", "b"),
		},
		// Swap a role: updated in place.
		resource.TestStep{
			Config: rolesConfig(e, prefix, "MachineToMachine", `[logto_role.b.id, logto_role.c.id]`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(rolesAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: expectAppRolesInLogto(e, "b", "c"),
		},
		resource.TestStep{ResourceName: rolesAddr, ImportState: true, ImportStateVerify: true},
		resource.TestStep{
			Config:          rolesConfig(e, prefix, "MachineToMachine", `[logto_role.b.id, logto_role.c.id]`),
			ResourceName:    rolesAddr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
		},
		// An empty set takes every role away.
		resource.TestStep{
			Config:            rolesConfig(e, prefix, "MachineToMachine", `[]`),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: expectAppRolesInLogto(e),
		},
		resource.TestStep{
			Config:            rolesConfig(e, prefix, "MachineToMachine", `[logto_role.c.id]`),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: expectAppRolesInLogto(e, "c"),
		},
		// Removing the resource takes its roles away; the application stays.
		resource.TestStep{
			Config: rolesConfig(e, prefix, "MachineToMachine", ""),
			Check: func(*terraform.State) error {
				if held := e.ApplicationRoleIDs(t, appID); len(held) != 0 {
					return errorf("application %s still holds %v after the role set was destroyed", appID, held)
				}
				return noRolePUT(e)
			},
		},
	))
}

// Routes of an application's roles, as the emulator counts them.
const (
	appRolesPOST   = "POST /api/applications/{id}/roles"
	appRolesDELETE = "DELETE /api/applications/{id}/roles/{roleId}"
	appRolesPUT    = "PUT /api/applications/{id}/roles"
)

// noRolePUT checks, on the emulator, that roles were added by POST and taken
// away by DELETE and that no PUT was sent: Logto 1.42 answers every PUT that
// adds no role with 422 entity.invalid_input, after removing roles.
func noRolePUT(e *acctest.Env) error {
	if e.Emulator == nil {
		return nil
	}
	// Positive control: the counters count the routes that were used.
	if e.Requests(appRolesPOST) == 0 || e.Requests(appRolesDELETE) == 0 {
		return errorf("%d %s and %d %s counted, want some of each", e.Requests(appRolesPOST), appRolesPOST,
			e.Requests(appRolesDELETE), appRolesDELETE)
	}
	if n := e.Requests(appRolesPUT); n != 0 {
		return errorf("%d %s sent, want none", n, appRolesPUT)
	}
	return nil
}

// A role of the wrong type is refused before any change, so the roles the
// application holds are kept, and nothing is sent that changes roles.
func TestAccApplicationRoles_wrongTypeKeepsRoles(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := acctest.RandomName("approles-bad")
	var appID, roleA string
	changes := func() int { return e.Requests(appRolesPOST) + e.Requests(appRolesDELETE) + e.Requests(appRolesPUT) }
	before := 0
	resource.Test(t, rolesTestCase(e,
		resource.TestStep{
			Config:            rolesConfig(e, prefix, "MachineToMachine", `[logto_role.a.id]`),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: append(expectAppRolesInLogto(e, "a"), appIDOf(&appID), roleIDOf("a", &roleA)),
			Check: func(*terraform.State) error {
				// Positive control: the counters count the POST of a valid set.
				if before = changes(); e.Emulator != nil && e.Requests(appRolesPOST) == 0 {
					return errorf("no %s counted for a valid set", appRolesPOST)
				}
				return nil
			},
		},
		// Known at plan time: refused by the plan, naming the role.
		resource.TestStep{
			Config:      rolesConfig(e, prefix, "MachineToMachine", `[logto_role.a.id, logto_role.b.id, logto_role.user.id]`),
			ExpectError: regexp.MustCompile(`(?s)Wrong Logto Role Type.*"` + prefix + `-user"\s+\(id\s+\w+,\s+type\s+User\)`),
		},
		// Known only at apply (the role is created in the same run): refused
		// before any change.
		resource.TestStep{
			Config: rolesConfig(e, prefix, "MachineToMachine", `[logto_role.a.id, logto_role.user2.id]`) + `
resource "logto_role" "user2" {
  name = "` + prefix + `-user2"
  type = "User"
}
`,
			ExpectError: regexp.MustCompile(`(?s)Wrong Logto Role Type.*"` + prefix + `-user2"`),
		},
		resource.TestStep{
			Config:      rolesConfig(e, prefix, "MachineToMachine", `["no-such-role"]`),
			ExpectError: regexp.MustCompile(`(?s)Unknown Logto Role.*"no-such-role"`),
		},
		// After all of it, the application still holds its role.
		resource.TestStep{
			Config:            rolesConfig(e, prefix, "MachineToMachine", `[logto_role.a.id]`),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: expectAppRolesInLogto(e, "a"),
			Check: func(*terraform.State) error {
				if held := e.ApplicationRoleIDs(t, appID); !slices.Equal(held, []string{roleA}) {
					return errorf("application holds %v, want only %s", held, roleA)
				}
				if n := changes(); n != before {
					return errorf("%d requests changing roles sent for refused sets, want none", n-before)
				}
				return nil
			},
		},
	))
}

func TestAccApplicationRoles_notMachineToMachine(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := acctest.RandomName("approles-trad")
	resource.Test(t, rolesTestCase(e, resource.TestStep{
		Config:      rolesConfig(e, prefix, "Traditional", `[logto_role.a.id]`),
		ExpectError: regexp.MustCompile(`(?s)application\.invalid_type.*Only MachineToMachine applications hold roles`),
	}))
}

func TestAccApplicationRoles_disappears(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := acctest.RandomName("approles-gone")
	var appID string
	config := rolesConfig(e, prefix, "MachineToMachine", `[logto_role.a.id]`)
	resource.Test(t, rolesTestCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{appIDOf(&appID)}},
		// The application is deleted outside Terraform: both are planned for
		// creation again, without error.
		resource.TestStep{
			PreConfig: func() { e.DeleteApplicationOutOfBand(t, appID) },
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("logto_application.app", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(rolesAddr, plancheck.ResourceActionCreate),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: expectAppRolesInLogto(e, "a"),
		},
	))
}
