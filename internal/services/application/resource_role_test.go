package application_test

import (
	"context"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

const (
	roleAddr           = "logto_application_role.test"
	managementRoleName = "Logto Management API access"
)

// linkConfig is rolesConfig's application and roles with one
// logto_application_role giving the role roleRef (an HCL expression), when
// roleRef is not empty.
func linkConfig(e *acctest.Env, prefix, roleRef, extra string) string {
	link := ""
	if roleRef != "" {
		link = `
resource "logto_application_role" "test" {
  application_id = logto_application.app.id
  role_id        = ` + roleRef + `
}
`
	}
	return rolesConfig(e, prefix, "MachineToMachine", "") + link + extra
}

// expectLinkInLogto asserts that the link's id is <application_id>/<role_id>
// and that Logto lists the role among the application's roles.
func expectLinkInLogto(e *acctest.Env) statecheck.StateCheck {
	return acctest.StateCheck(roleAddr, func(v map[string]any) error {
		appID, _ := v["application_id"].(string)
		roleID, _ := v["role_id"].(string)
		if v["id"] != appID+"/"+roleID {
			return errorf("%s id = %v, want %s/%s", roleAddr, v["id"], appID, roleID)
		}
		held, err := e.Client.ListApplicationRoles(context.Background(), appID)
		if err != nil {
			return err
		}
		for _, r := range held {
			if r.ID == roleID {
				return nil
			}
		}
		return errorf("application %s does not hold role %s in Logto", appID, roleID)
	})
}

// The bootstrap story: a machine-to-machine application given Logto's own
// Management API role, found by name.
func TestAccApplicationRole_managementAPI(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := acctest.RandomName("mgmt")
	mgmt := e.RoleNamed(t, managementRoleName)
	config := linkConfig(e, prefix, "data.logto_role.management.id", `
data "logto_role" "management" {
  name = "`+managementRoleName+`"
}
`)
	var appID string
	resource.Test(t, rolesTestCase(e,
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(roleAddr, acctest.Attr("role_id"), knownvalue.StringExact(mgmt.ID)),
				expectLinkInLogto(e),
				appIDOf(&appID),
			},
		},
		resource.TestStep{ResourceName: roleAddr, ImportState: true, ImportStateVerify: true},
		resource.TestStep{Config: config, ResourceName: roleAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		// Removing the link takes the role away from the application only:
		// the built-in role stays.
		resource.TestStep{
			Config: linkConfig(e, prefix, "", ""),
			Check: func(*terraform.State) error {
				if held := e.ApplicationRoleIDs(t, appID); slices.Contains(held, mgmt.ID) {
					return errorf("application %s still holds the Management API role", appID)
				}
				e.RoleNamed(t, managementRoleName)
				return nil
			},
		},
	))
}

func TestAccApplicationRole_additive(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := acctest.RandomName("applink")
	var appID, roleA, roleB string
	config := linkConfig(e, prefix, "logto_role.a.id", "")
	resource.Test(t, rolesTestCase(e,
		resource.TestStep{
			Config:            config,
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{expectLinkInLogto(e), appIDOf(&appID), roleIDOf("a", &roleA), roleIDOf("b", &roleB)},
		},
		// A role given elsewhere is left alone.
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.AssignApplicationRoles(context.Background(), appID, []string{roleB}); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(*terraform.State) error {
				if held := e.ApplicationRoleIDs(t, appID); !slices.Contains(held, roleB) {
					return errorf("the role given elsewhere was taken away: %v", held)
				}
				return nil
			},
		},
		// Taken away in the Console: the plan gives it again.
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.RemoveApplicationRole(context.Background(), appID, roleA); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(roleAddr, plancheck.ResourceActionCreate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{expectLinkInLogto(e)},
		},
		// Another role: the link is replaced.
		resource.TestStep{
			Config: linkConfig(e, prefix, "logto_role.c.id", ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(roleAddr, plancheck.ResourceActionReplace)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{expectLinkInLogto(e)},
		},
		// Removing the link takes only its role away.
		resource.TestStep{
			Config: linkConfig(e, prefix, "", ""),
			Check: func(*terraform.State) error {
				if held := e.ApplicationRoleIDs(t, appID); !slices.Equal(held, []string{roleB}) {
					return errorf("application holds %v, want only the role given elsewhere (%s)", held, roleB)
				}
				return nil
			},
		},
	))
}

func TestAccApplicationRole_disappears(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := acctest.RandomName("applink-gone")
	var appID string
	config := linkConfig(e, prefix, "logto_role.a.id", "")
	resource.Test(t, rolesTestCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{appIDOf(&appID)}},
		resource.TestStep{
			PreConfig: func() { e.DeleteApplicationOutOfBand(t, appID) },
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(roleAddr, plancheck.ResourceActionCreate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{expectLinkInLogto(e)},
		},
	))
}

func TestAccApplicationRole_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := acctest.RandomName("applink-bad")
	const post = "POST /api/applications/{id}/roles"
	resource.Test(t, rolesTestCase(e, resource.TestStep{
		Config:      linkConfig(e, prefix, `""`, ""),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`string length must be at least 1`),
	}))
	// Create the roles and the application first, so that the role ids are
	// known when the links are planned.
	resource.Test(t, rolesTestCase(e,
		resource.TestStep{Config: linkConfig(e, prefix, "", ""), ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
		resource.TestStep{
			Config:      linkConfig(e, prefix, "logto_role.user.id", ""),
			ExpectError: regexp.MustCompile(`(?s)Wrong Logto Role Type.*"` + prefix + `-user"`),
		},
		resource.TestStep{
			Config:      linkConfig(e, prefix, `"no-such-role"`, ""),
			ExpectError: regexp.MustCompile(`(?s)Unknown Logto Role.*"no-such-role"`),
		},
		resource.TestStep{
			Config:        linkConfig(e, prefix, "logto_role.a.id", ""),
			ResourceName:  roleAddr,
			ImportState:   true,
			ImportStateId: "no-slash",
			ExpectError:   regexp.MustCompile(`<application_id>/<role_id>`),
		},
	))
	if n := e.Requests(post); n > 0 {
		t.Errorf("refused links sent %d %s, want 0", n, post)
	}
	// Positive control: a valid link is counted.
	resource.Test(t, rolesTestCase(e, resource.TestStep{Config: linkConfig(e, prefix, "logto_role.a.id", ""), ConfigPlanChecks: acctest.EmptyPlanAfterApply()}))
	if n := e.Requests(post); e.Emulator != nil && n == 0 {
		t.Errorf("a valid link sent no %s: the counter does not count", post)
	}
}
