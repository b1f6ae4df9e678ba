package organization_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const (
	roleAddr  = "logto_organization_role.test"
	scopeAddr = "logto_organization_scope.s"
)

// templateConfig is n organization scopes, an API resource with m scopes,
// and a role whose body may use them.
func templateConfig(e *acctest.Env, name string, n, m int, roleBody string) string {
	return e.Config(`
resource "logto_organization_scope" "s" {
  count       = %[2]d
  name        = "%[1]s:s${count.index}"
  description = "scope ${count.index}"
}
resource "logto_api_resource" "api" {
  name      = %[1]q
  indicator = "https://%[1]s.example.com"
}
resource "logto_api_resource_scope" "rs" {
  count       = %[3]d
  resource_id = logto_api_resource.api.id
  name        = "api:${count.index}"
}
resource "logto_organization_role" "test" {
  name = %[1]q
  %[4]s
}
`, name, n, m, roleBody)
}

func roleScopes(e *acctest.Env, resourceScopes bool) func(context.Context, map[string]any) ([]string, error) {
	return func(ctx context.Context, v map[string]any) ([]string, error) {
		id, _ := v["id"].(string)
		if resourceScopes {
			return e.Client.ListOrganizationRoleResourceScopeIDs(ctx, id)
		}
		return e.Client.ListOrganizationRoleScopeIDs(ctx, id)
	}
}

// A role's scopes (more than a page of them) are changed in place.
func TestAccOrganizationRole_scopes(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("orole")
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config: templateConfig(e, name, 22, 2, `
  description            = "Editors"
  organization_scope_ids = logto_organization_scope.s[*].id
  resource_scope_ids     = [logto_api_resource_scope.rs[0].id]
`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID(roleAddr, &id),
				statecheck.ExpectKnownValue(roleAddr, acctest.Attr("type"), knownvalue.StringExact(logto.RoleTypeUser)),
				statecheck.ExpectKnownValue(roleAddr, acctest.Attr("description"), knownvalue.StringExact("Editors")),
				expectInLogto(roleAddr, "organization_scope_ids", 22, roleScopes(e, false)),
				expectInLogto(roleAddr, "resource_scope_ids", 1, roleScopes(e, true)),
			},
		},
		resource.TestStep{
			Config: templateConfig(e, name, 22, 2, `
  description            = "Editors, renamed"
  organization_scope_ids = slice(logto_organization_scope.s[*].id, 5, 22)
  resource_scope_ids     = logto_api_resource_scope.rs[*].id
`),
			ConfigPlanChecks: acctest.PlannedAction(roleAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(roleAddr, &id),
				expectInLogto(roleAddr, "organization_scope_ids", 17, roleScopes(e, false)),
				expectInLogto(roleAddr, "resource_scope_ids", 2, roleScopes(e, true)),
			},
		},
		resource.TestStep{ResourceName: roleAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		resource.TestStep{
			Config:           templateConfig(e, name, 22, 2, `organization_scope_ids = []`+"\n"+`resource_scope_ids = []`),
			ConfigPlanChecks: acctest.PlannedAction(roleAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(roleAddr, &id),
				expectInLogto(roleAddr, "organization_scope_ids", 0, roleScopes(e, false)),
				expectInLogto(roleAddr, "resource_scope_ids", 0, roleScopes(e, true)),
				statecheck.ExpectKnownValue(roleAddr, acctest.Attr("description"), knownvalue.StringExact("Editors, renamed")),
			},
		},
	))
}

// A scope linked in the Console shows as a diff when the set is managed,
// and not when it is omitted.
func TestAccOrganizationRole_drift(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("orole")
	var id, s0, s1 string
	managed := templateConfig(e, name, 2, 0, `organization_scope_ids = [logto_organization_scope.s[0].id]`)
	unmanaged := templateConfig(e, name, 2, 0, ``)
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           managed,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID(roleAddr, &id), acctest.CaptureID(scopeAddr+"[0]", &s0), acctest.CaptureID(scopeAddr+"[1]", &s1),
			},
		},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.ReplaceOrganizationRoleScopes(t.Context(), id, []string{s0, s1}); err != nil {
					t.Fatal(err)
				}
			},
			Config: managed,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(roleAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{expectInLogto(roleAddr, "organization_scope_ids", 1, roleScopes(e, false))},
		},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.ReplaceOrganizationRoleScopes(t.Context(), id, []string{s0, s1}); err != nil {
					t.Fatal(err)
				}
			},
			Config:           unmanaged,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}

func TestAccOrganizationRole_disappears(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("orole")
	var id string
	config := templateConfig(e, name, 1, 0, `organization_scope_ids = logto_organization_scope.s[*].id`)
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(roleAddr, &id)}},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.DeleteOrganizationRole(t.Context(), id); err != nil {
					t.Fatal(err)
				}
			},
			Config:            config,
			ConfigPlanChecks:  acctest.PlannedAction(roleAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIDChanged(roleAddr, &id), expectInLogto(roleAddr, "organization_scope_ids", 1, roleScopes(e, false))},
		},
	))
}

func TestAccOrganizationRole_typeReplaces(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("orole")
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:            templateConfig(e, name, 0, 0, `type = "MachineToMachine"`),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(roleAddr, &id)},
		},
		resource.TestStep{
			Config:            templateConfig(e, name, 0, 0, ``),
			ConfigPlanChecks:  acctest.PlannedAction(roleAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIDChanged(roleAddr, &id), statecheck.ExpectKnownValue(roleAddr, acctest.Attr("type"), knownvalue.StringExact(logto.RoleTypeUser))},
		},
	))
}

// An unknown scope id fails the apply with the role tracked, never left
// behind untracked.
func TestAccOrganizationRole_unknownScope(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("orole")
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:      templateConfig(e, name, 0, 0, `organization_scope_ids = ["does-not-exist"]`),
			ExpectError: regexp.MustCompile(`(?s)Unable to Set the Organization Scopes of Logto Organization Role.*relation_foreign_key_not_found`),
		},
		resource.TestStep{
			PreConfig: func() {
				roles, err := e.Client.OrganizationRolesNamed(t.Context(), name)
				if err != nil || len(roles) != 1 {
					t.Fatalf("after the failed apply: %d roles named %s (%v), want 1", len(roles), name, err)
				}
			},
			Config:           templateConfig(e, name, 0, 0, `organization_scope_ids = []`),
			ConfigPlanChecks: acctest.PlannedAction(roleAddr, plancheck.ResourceActionDestroyBeforeCreate),
		},
	))
}

func TestAccOrganizationScope_basic(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("oscope")
	var id string
	config := func(n, body string) string {
		return e.Config(`
resource "logto_organization_scope" "s" {
  name = %q
  %s
}
`, n, body)
	}
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           config(name, `description = "Read invoices"`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID(scopeAddr, &id),
				statecheck.ExpectKnownValue(scopeAddr, acctest.Attr("description"), knownvalue.StringExact("Read invoices")),
			},
		},
		resource.TestStep{
			Config:           config(name+"-x", `description = "Read all invoices"`),
			ConfigPlanChecks: acctest.PlannedAction(scopeAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(scopeAddr, &id),
				statecheck.ExpectKnownValue(scopeAddr, acctest.Attr("name"), knownvalue.StringExact(name+"-x")),
			},
		},
		resource.TestStep{ResourceName: scopeAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		resource.TestStep{Config: config(name+"-x", ``), ResourceName: scopeAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.DeleteOrganizationScope(t.Context(), id); err != nil {
					t.Fatal(err)
				}
			},
			Config:            config(name+"-x", ``),
			ConfigPlanChecks:  acctest.PlannedAction(scopeAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIDChanged(scopeAddr, &id)},
		},
	))
}

func TestAccOrganizationTemplate_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("orole")
	for _, tc := range []struct{ config, want string }{
		{`resource "logto_organization_role" "r" { name = "" }`, `string length must be between 1 and 128`},
		{"resource \"logto_organization_role\" \"r\" {\n name = \"x\"\n type = \"Admin\"\n}", `value must be one of`},
		{"resource \"logto_organization_role\" \"r\" {\n name = \"x\"\n organization_scope_ids = [\"\"]\n}", `string length must be between 1\s+and 21`},
		{`resource "logto_organization_scope" "s" { name = "" }`, `string length must be between 1 and 128`},
	} {
		resource.Test(t, testCase(e, resource.TestStep{Config: e.Config("%s", tc.config), PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)}))
	}
	if n := writes(e); n > 0 {
		t.Errorf("invalid configurations sent %d write requests, want 0", n)
	}
	resource.Test(t, testCase(e, resource.TestStep{Config: templateConfig(e, name, 1, 0, ``), ConfigPlanChecks: acctest.EmptyPlanAfterApply()}))
	if n := writes(e); n == 0 && e.Emulator != nil {
		t.Errorf("a valid configuration sent no write: the counter does not count")
	}
}
