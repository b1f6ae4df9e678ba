package role_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const addr = "logto_role.test"

func roleConfig(e *acctest.Env, name, body string) string {
	return e.Config(`
resource "logto_role" "test" {
  name = %q
  %s
}
`, name, body)
}

// withScopes is an API resource with n scopes (logto_api_resource_scope.s)
// and a role whose body may use them.
func withScopes(e *acctest.Env, name string, n int, roleBody string) string {
	return e.Config(`
resource "logto_api_resource" "api" {
  name      = %[1]q
  indicator = "https://%[1]s.example.com"
}
resource "logto_api_resource_scope" "s" {
  count       = %[2]d
  resource_id = logto_api_resource.api.id
  name        = "scope:${count.index}"
}
resource "logto_role" "test" {
  name = %[1]q
  %[3]s
}
`, name, n, roleBody)
}

// expectLinkedScopes compares the role's scope links in Logto with the
// state's scope_ids and with the wanted count.
func expectLinkedScopes(e *acctest.Env, want int) statecheck.StateCheck {
	return acctest.StateCheck(addr, func(v map[string]any) error {
		id, _ := v["id"].(string)
		scopes, err := e.Client.ListRoleScopes(context.Background(), id)
		if err != nil {
			return err
		}
		var linked []string
		for _, s := range scopes {
			linked = append(linked, s.ID)
		}
		raw, _ := v["scope_ids"].([]any)
		var inState []string
		for _, x := range raw {
			s, _ := x.(string)
			inState = append(inState, s)
		}
		slices.Sort(linked)
		slices.Sort(inState)
		if len(linked) != want || !slices.Equal(linked, inState) {
			return fmt.Errorf("role %s links %d scopes %v, state has %v; want %d", id, len(linked), linked, inState, want)
		}
		return nil
	})
}

func TestAccRole_basic(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("role")
	resource.Test(t, testCase(e, resource.TestStep{
		Config: e.Config(`
resource "logto_role" "test" {
  name        = %q
  description = "Reads things"
}
resource "logto_role" "nodesc" {
  name = "%s-nodesc"
  type = "MachineToMachine"
}
`, name, name),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				// The description default is known at plan time.
				plancheck.ExpectKnownValue("logto_role.nodesc", acctest.Attr("description"), knownvalue.StringExact(name+"-nodesc")),
			},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, acctest.Attr("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z0-9]{21}$`))),
			statecheck.ExpectKnownValue(addr, acctest.Attr("name"), knownvalue.StringExact(name)),
			statecheck.ExpectKnownValue(addr, acctest.Attr("description"), knownvalue.StringExact("Reads things")),
			statecheck.ExpectKnownValue(addr, acctest.Attr("type"), knownvalue.StringExact(logto.RoleTypeUser)),
			statecheck.ExpectKnownValue(addr, acctest.Attr("is_default"), knownvalue.Bool(false)),
			statecheck.ExpectKnownValue(addr, acctest.Attr("scope_ids"), knownvalue.SetSizeExact(0)),
			statecheck.ExpectKnownValue("logto_role.nodesc", acctest.Attr("description"), knownvalue.StringExact(name+"-nodesc")),
			statecheck.ExpectKnownValue("logto_role.nodesc", acctest.Attr("type"), knownvalue.StringExact(logto.RoleTypeMachineToMachine)),
		},
	}))
}

func TestAccRole_update(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("role")
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:            roleConfig(e, name, ""),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)},
		},
		resource.TestStep{
			Config:           roleConfig(e, name+"-renamed", `description = "Updated"`+"\n"+`is_default = true`),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(addr, &id),
				statecheck.ExpectKnownValue(addr, acctest.Attr("name"), knownvalue.StringExact(name+"-renamed")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("description"), knownvalue.StringExact("Updated")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("is_default"), knownvalue.Bool(true)),
			},
		},
		// Omitted description and is_default stay as they are.
		resource.TestStep{
			Config:           roleConfig(e, name, ""),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(addr, &id),
				statecheck.ExpectKnownValue(addr, acctest.Attr("description"), knownvalue.StringExact("Updated")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("is_default"), knownvalue.Bool(true)),
			},
		},
	))
}

// More scopes than one default page (20), changed in place: the id stays,
// links are added and removed, every page is read.
func TestAccRole_scopes(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("role")
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           withScopes(e, name, 25, `scope_ids = logto_api_resource_scope.s[*].id`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID(addr, &id),
				statecheck.ExpectKnownValue(addr, acctest.Attr("scope_ids"), knownvalue.SetSizeExact(25)),
				expectLinkedScopes(e, 25),
			},
		},
		resource.TestStep{
			Config:           withScopes(e, name, 25, `scope_ids = slice(logto_api_resource_scope.s[*].id, 3, 24)`),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(addr, &id),
				statecheck.ExpectKnownValue(addr, acctest.Attr("scope_ids"), knownvalue.SetSizeExact(21)),
				expectLinkedScopes(e, 21),
			},
		},
		// New scopes created in the same apply, old ones dropped.
		resource.TestStep{
			Config:           withScopes(e, name, 30, `scope_ids = slice(logto_api_resource_scope.s[*].id, 20, 30)`),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(addr, &id),
				expectLinkedScopes(e, 10),
			},
		},
		resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true},
		resource.TestStep{
			Config:           withScopes(e, name, 30, `scope_ids = []`),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(addr, &id),
				expectLinkedScopes(e, 0),
			},
		},
	))
}

// Without scope_ids the links are not managed: links made in the Console
// show in the state but plan no change.
func TestAccRole_scopesUnmanagedWhenOmitted(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("role")
	var id, scopeID string
	config := withScopes(e, name, 1, "")
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID(addr, &id), acctest.CaptureID("logto_api_resource_scope.s[0]", &scopeID),
				statecheck.ExpectKnownValue(addr, acctest.Attr("scope_ids"), knownvalue.SetSizeExact(0)),
			},
		},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.AddRoleScopes(t.Context(), id, []string{scopeID}); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{expectLinkedScopes(e, 1)},
		},
	))
}

func TestAccRole_import(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("role")
	config := withScopes(e, name, 3, `description = "imported"`+"\n"+`type = "MachineToMachine"`+"\n"+`scope_ids = logto_api_resource_scope.s[*].id`)
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
		resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true},
		resource.TestStep{Config: config, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
	))
}

func TestAccRole_drift(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("role")
	var id, scopeID string
	config := withScopes(e, name, 2, `description = "as configured"`+"\n"+`scope_ids = [logto_api_resource_scope.s[0].id]`)
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID(addr, &id), acctest.CaptureID("logto_api_resource_scope.s[1]", &scopeID), expectLinkedScopes(e, 1),
			},
		},
		// In the Console: description changed, another scope linked.
		resource.TestStep{
			PreConfig: func() {
				desc := "changed in the Console"
				if _, err := e.Client.UpdateRole(t.Context(), id, logto.RolePatch{Description: &desc}); err != nil {
					t.Fatal(err)
				}
				if err := e.Client.AddRoleScopes(t.Context(), id, []string{scopeID}); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, acctest.Attr("description"), knownvalue.StringExact("as configured")),
					plancheck.ExpectKnownValue(addr, acctest.Attr("scope_ids"), knownvalue.SetSizeExact(1)),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIDUnchanged(addr, &id), expectLinkedScopes(e, 1)},
		},
	))
}

func TestAccRole_disappears(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("role")
	var id string
	config := roleConfig(e, name, "")
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)}},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.DeleteRole(t.Context(), id); err != nil {
					t.Fatal(err)
				}
			},
			Config:            config,
			ConfigPlanChecks:  acctest.PlannedAction(addr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIDChanged(addr, &id)},
		},
	))
}

func TestAccRole_replaceType(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("role")
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{Config: roleConfig(e, name, `type = "MachineToMachine"`), ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)}},
		// Removing type = "MachineToMachine" means the default, User: replaced.
		resource.TestStep{
			Config:           roleConfig(e, name, ""),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDChanged(addr, &id),
				statecheck.ExpectKnownValue(addr, acctest.Attr("type"), knownvalue.StringExact(logto.RoleTypeUser)),
			},
		},
	))
}

// An unknown scope id fails the apply, but never leaves an untracked role:
// the role is in the state (tainted), and the next apply replaces it.
func TestAccRole_unknownScopeLeavesNoUntrackedRole(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("role")
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:      roleConfig(e, name, `scope_ids = ["does-not-exist"]`),
			ExpectError: regexp.MustCompile(`(?s)Unable to Link Scopes to Logto Role.*404`),
		},
		resource.TestStep{
			PreConfig: func() {
				roles, err := e.Client.RolesNamed(t.Context(), name)
				if err != nil || len(roles) != 1 {
					t.Fatalf("after the failed apply: %d roles named %s (%v), want 1", len(roles), name, err)
				}
			},
			Config:           roleConfig(e, name, `scope_ids = []`),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
		},
	))
	if roles, err := e.Client.RolesNamed(t.Context(), name); err != nil || len(roles) != 0 {
		t.Errorf("after destroy: %d roles named %s (%v), want 0", len(roles), name, err)
	}
}

func TestAccRole_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("role")
	for _, tc := range []struct{ body, want string }{
		{`type = "Admin"`, `(?s)value must be one of.*"User".*"MachineToMachine"`},
		{`type = "user"`, `value must be one of`},
		{`description = ""`, `string length must be between 1 and 128`},
		{`scope_ids = [""]`, `string length must be at least 1`},
	} {
		resource.Test(t, testCase(e, resource.TestStep{
			Config:      roleConfig(e, name, tc.body),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		}))
	}
	resource.Test(t, testCase(e, resource.TestStep{
		Config:      roleConfig(e, "", ""),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`string length must be between 1 and 128`),
	}))
	if n := e.Requests("POST /api/roles"); n > 0 {
		t.Errorf("invalid configurations sent %d POST /api/roles requests, want 0", n)
	}
	// Positive control: a valid role is counted.
	resource.Test(t, testCase(e, resource.TestStep{Config: roleConfig(e, name, `type = "User"`), ConfigPlanChecks: acctest.EmptyPlanAfterApply()}))
	if n := e.Requests("POST /api/roles"); n == 0 {
		t.Errorf("a valid role sent no POST /api/roles: the counter does not count")
	}
}
