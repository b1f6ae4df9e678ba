package user_test

import (
	"context"
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

const (
	rolesAddr = "logto_user_roles.test"
	linkAddr  = "logto_user_role.test"
)

// rolesConfig is a user, three User roles (a, b, c), a MachineToMachine
// role, and extra (the role resources under test).
func rolesConfig(e *acctest.Env, prefix, extra string) string {
	return e.Config(`
resource "logto_user" "u" {
  username = "%[1]s"
}

resource "logto_role" "a" {
  name = "%[1]s-a"
}

resource "logto_role" "b" {
  name = "%[1]s-b"
}

resource "logto_role" "c" {
  name = "%[1]s-c"
}

resource "logto_role" "m2m" {
  name = "%[1]s-m2m"
  type = "MachineToMachine"
}
%[2]s`, prefix, extra)
}

func userRoleSet(roleIDs string) string {
	return `
resource "logto_user_roles" "test" {
  user_id  = logto_user.u.id
  role_ids = ` + roleIDs + `
}
`
}

func userRoleLink(roleRef string) string {
	return `
resource "logto_user_role" "test" {
  user_id = logto_user.u.id
  role_id = ` + roleRef + `
}
`
}

// expectUserRolesInLogto asserts that Logto lists exactly the state's
// role_ids for the user, and that they are the given logto_role resources.
func expectUserRolesInLogto(e *acctest.Env, roles ...string) []statecheck.StateCheck {
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(rolesAddr, acctest.Attr("role_ids"), knownvalue.SetSizeExact(len(roles))),
		acctest.StateCheck(rolesAddr, func(v map[string]any) error {
			userID, _ := v["user_id"].(string)
			raw, _ := v["role_ids"].([]any)
			var inState []string
			for _, x := range raw {
				s, _ := x.(string)
				inState = append(inState, s)
			}
			sort.Strings(inState)
			held, err := e.Client.ListUserRoles(context.Background(), userID)
			if err != nil {
				return err
			}
			var inLogto []string
			for _, r := range held {
				inLogto = append(inLogto, r.ID)
			}
			sort.Strings(inLogto)
			if !slices.Equal(inState, inLogto) || v["id"] != userID {
				return errorf("state %v (id %v), Logto holds %v for user %s", inState, v["id"], inLogto, userID)
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

func TestAccUserRoles_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := username("uroles")
	var userID, roleC string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           rolesConfig(e, prefix, userRoleSet(`[logto_role.a.id, logto_role.b.id]`)),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: append(expectUserRolesInLogto(e, "a", "b"),
				acctest.CaptureID("logto_user.u", &userID), acctest.CaptureID("logto_role.c", &roleC)),
		},
		// Given in the Console: taken away again.
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.AssignUserRoles(context.Background(), userID, []string{roleC}); err != nil {
					t.Fatal(err)
				}
			},
			Config:            rolesConfig(e, prefix, userRoleSet(`[logto_role.a.id, logto_role.b.id]`)),
			ConfigPlanChecks:  acctest.PlannedAction(rolesAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: expectUserRolesInLogto(e, "a", "b"),
		},
		resource.TestStep{
			Config:            rolesConfig(e, prefix, userRoleSet(`[logto_role.c.id]`)),
			ConfigPlanChecks:  acctest.PlannedAction(rolesAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: expectUserRolesInLogto(e, "c"),
		},
		resource.TestStep{ResourceName: rolesAddr, ImportState: true, ImportStateVerify: true},
		resource.TestStep{
			Config:          rolesConfig(e, prefix, userRoleSet(`[logto_role.c.id]`)),
			ResourceName:    rolesAddr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
		},
		resource.TestStep{
			Config:            rolesConfig(e, prefix, userRoleSet(`[]`)),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: expectUserRolesInLogto(e),
		},
		// The user is deleted outside Terraform: both come back.
		resource.TestStep{
			PreConfig: func() { e.DeleteUserOutOfBand(t, userID) },
			Config:    rolesConfig(e, prefix, userRoleSet(`[logto_role.a.id]`)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("logto_user.u", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(rolesAddr, plancheck.ResourceActionCreate),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: expectUserRolesInLogto(e, "a"),
			// Roles are added by POST and taken away by DELETE, never by PUT
			// (see rolelink); the counters count the routes used.
			Check: func(*terraform.State) error {
				if e.Emulator == nil {
					return nil
				}
				if e.Requests(userRolesPOST) == 0 || e.Requests(userRolesDELETE) == 0 {
					return errorf("%d %s and %d %s counted, want some of each", e.Requests(userRolesPOST), userRolesPOST,
						e.Requests(userRolesDELETE), userRolesDELETE)
				}
				if n := e.Requests(userRolesPUT); n != 0 {
					return errorf("%d %s sent, want none", n, userRolesPUT)
				}
				return nil
			},
		},
	))
}

// Routes of a user's roles, as the emulator counts them.
const (
	userRolesPOST   = "POST /api/users/{id}/roles"
	userRolesDELETE = "DELETE /api/users/{id}/roles/{roleId}"
	userRolesPUT    = "PUT /api/users/{id}/roles"
)

// A MachineToMachine role is refused before any change: the user keeps its
// roles, and nothing is sent that changes roles.
func TestAccUserRoles_wrongTypeKeepsRoles(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := username("uroles_bad")
	changes := func() int {
		return e.Requests(userRolesPOST) + e.Requests(userRolesDELETE) + e.Requests(userRolesPUT)
	}
	var userID, roleA string
	before := 0
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           rolesConfig(e, prefix, userRoleSet(`[logto_role.a.id]`)),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: append(expectUserRolesInLogto(e, "a"),
				acctest.CaptureID("logto_user.u", &userID), acctest.CaptureID("logto_role.a", &roleA)),
			Check: func(*terraform.State) error {
				// Positive control: the counters count the POST of a valid set.
				if before = changes(); e.Emulator != nil && e.Requests(userRolesPOST) == 0 {
					return errorf("no %s counted for a valid set", userRolesPOST)
				}
				return nil
			},
		},
		resource.TestStep{
			Config:      rolesConfig(e, prefix, userRoleSet(`[logto_role.a.id, logto_role.m2m.id]`)),
			ExpectError: regexp.MustCompile(`(?s)Wrong Logto Role Type.*only User roles can be given to a user.*"` + prefix + `-m2m"`),
		},
		resource.TestStep{
			Config: rolesConfig(e, prefix, userRoleSet(`[logto_role.a.id]`)),
			Check: func(*terraform.State) error {
				if held := e.UserRoleIDs(t, userID); !slices.Equal(held, []string{roleA}) {
					return errorf("user holds %v, want only %s", held, roleA)
				}
				if n := changes(); n != before {
					return errorf("%d requests changing roles sent for a refused set, want none", n-before)
				}
				return nil
			},
		},
	))
}

func TestAccUserRole_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := username("ulink")
	var userID, roleA, roleB string
	expectLink := acctest.StateCheck(linkAddr, func(v map[string]any) error {
		uid, _ := v["user_id"].(string)
		rid, _ := v["role_id"].(string)
		if v["id"] != uid+"/"+rid || !slices.Contains(e.UserRoleIDs(t, uid), rid) {
			return errorf("link %v: user %s does not hold role %s in Logto", v["id"], uid, rid)
		}
		return nil
	})
	config := rolesConfig(e, prefix, userRoleLink("logto_role.a.id"))
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{expectLink,
				acctest.CaptureID("logto_user.u", &userID), acctest.CaptureID("logto_role.a", &roleA), acctest.CaptureID("logto_role.b", &roleB)},
		},
		resource.TestStep{ResourceName: linkAddr, ImportState: true, ImportStateVerify: true},
		resource.TestStep{Config: config, ResourceName: linkAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		// A role given elsewhere is left alone; a link taken away in the
		// Console is given again.
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.AssignUserRoles(context.Background(), userID, []string{roleB}); err != nil {
					t.Fatal(err)
				}
				if err := e.Client.RemoveUserRole(context.Background(), userID, roleA); err != nil {
					t.Fatal(err)
				}
			},
			Config:            config,
			ConfigPlanChecks:  acctest.PlannedAction(linkAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{expectLink},
		},
		// The user is deleted outside Terraform: the user and the link come
		// back, without error.
		resource.TestStep{
			PreConfig: func() {
				e.DeleteUserOutOfBand(t, userID)
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("logto_user.u", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(linkAddr, plancheck.ResourceActionCreate),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{expectLink, acctest.CaptureID("logto_user.u", &userID)},
		},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.AssignUserRoles(context.Background(), userID, []string{roleB}); err != nil {
					t.Fatal(err)
				}
			},
			Config: rolesConfig(e, prefix, ""),
			Check: func(*terraform.State) error {
				if held := e.UserRoleIDs(t, userID); !slices.Equal(held, []string{roleB}) {
					return errorf("user holds %v, want only the role given elsewhere (%s)", held, roleB)
				}
				return nil
			},
		},
	))
}

func TestAccUserRole_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := username("ulink_bad")
	const post = "POST /api/users/{id}/roles"
	resource.Test(t, testCase(e,
		resource.TestStep{Config: rolesConfig(e, prefix, ""), ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
		resource.TestStep{
			Config:      rolesConfig(e, prefix, userRoleLink("logto_role.m2m.id")),
			ExpectError: regexp.MustCompile(`(?s)Wrong Logto Role Type.*"` + prefix + `-m2m"`),
		},
		resource.TestStep{
			Config:        rolesConfig(e, prefix, userRoleLink("logto_role.a.id")),
			ResourceName:  linkAddr,
			ImportState:   true,
			ImportStateId: "a/b/c",
			ExpectError:   regexp.MustCompile(`<user_id>/<role_id>`),
		},
		resource.TestStep{Config: rolesConfig(e, prefix, ""), ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
	))
	if n := e.Requests(post); n > 0 {
		t.Errorf("a refused link sent %d %s, want 0", n, post)
	}
	resource.Test(t, testCase(e, resource.TestStep{Config: rolesConfig(e, prefix, userRoleLink("logto_role.a.id")), ConfigPlanChecks: acctest.EmptyPlanAfterApply()}))
	if n := e.Requests(post); e.Emulator != nil && n == 0 {
		t.Errorf("a valid link sent no %s: the counter does not count", post)
	}
}
