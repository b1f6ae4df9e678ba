package apiresource_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const scopeAddr = "logto_api_resource_scope.test"

// scopeConfig is two API resources (a, b) and one scope in the one named.
func scopeConfig(e *acctest.Env, api, parent, scope, extra string) string {
	return e.Config(`
resource "logto_api_resource" "a" {
  name      = "%[1]s-a"
  indicator = "https://%[1]s-a.example.com"
}
resource "logto_api_resource" "b" {
  name      = "%[1]s-b"
  indicator = "https://%[1]s-b.example.com"
}
resource "logto_api_resource_scope" "test" {
  resource_id = logto_api_resource.%[2]s.id
  name        = %[3]q
  %[4]s
}
`, api, parent, scope, extra)
}

func TestAccAPIResourceScope_basic(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	api := acctest.RandomName("api")
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           scopeConfig(e, api, "a", "read:items", `description = "Read items"`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID(scopeAddr, &id),
				statecheck.ExpectKnownValue(scopeAddr, acctest.Attr("name"), knownvalue.StringExact("read:items")),
				statecheck.ExpectKnownValue(scopeAddr, acctest.Attr("description"), knownvalue.StringExact("Read items")),
				statecheck.CompareValuePairs(scopeAddr, acctest.Attr("resource_id"), "logto_api_resource.a", acctest.Attr("id"), compareEqual),
			},
		},
		// Rename and drop the description: updated in place, description null.
		resource.TestStep{
			Config:           scopeConfig(e, api, "a", "read:all-items", ""),
			ConfigPlanChecks: acctest.PlannedAction(scopeAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(scopeAddr, &id),
				statecheck.ExpectKnownValue(scopeAddr, acctest.Attr("name"), knownvalue.StringExact("read:all-items")),
				statecheck.ExpectKnownValue(scopeAddr, acctest.Attr("description"), knownvalue.Null()),
			},
		},
		resource.TestStep{ResourceName: scopeAddr, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: scopeImportID(scopeAddr)},
		resource.TestStep{
			Config:            scopeConfig(e, api, "a", "read:all-items", ""),
			ResourceName:      scopeAddr,
			ImportState:       true,
			ImportStateKind:   resource.ImportBlockWithID,
			ImportStateIdFunc: scopeImportID(scopeAddr),
		},
		// Moving the scope to another API resource replaces it.
		resource.TestStep{
			Config:           scopeConfig(e, api, "b", "read:all-items", ""),
			ConfigPlanChecks: acctest.PlannedAction(scopeAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDChanged(scopeAddr, &id),
				statecheck.CompareValuePairs(scopeAddr, acctest.Attr("resource_id"), "logto_api_resource.b", acctest.Attr("id"), compareEqual),
			},
		},
	))
}

func TestAccAPIResourceScope_driftAndDisappears(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	api := acctest.RandomName("api")
	var id, resourceID string
	config := scopeConfig(e, api, "a", "write:items", `description = "as configured"`)
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID(scopeAddr, &id), acctest.CaptureID("logto_api_resource.a", &resourceID),
			},
		},
		resource.TestStep{
			PreConfig: func() {
				if _, err := e.Client.UpdateAPIResourceScope(t.Context(), resourceID, id, logto.APIResourceScopePatch{
					Description: logto.NullableValue("changed in the Console"),
				}); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scopeAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(scopeAddr, acctest.Attr("description"), knownvalue.StringExact("as configured")),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIDUnchanged(scopeAddr, &id)},
		},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.DeleteAPIResourceScope(t.Context(), resourceID, id); err != nil {
					t.Fatal(err)
				}
			},
			Config:            config,
			ConfigPlanChecks:  acctest.PlannedAction(scopeAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIDChanged(scopeAddr, &id)},
		},
	))
}

// Scopes are read by listing every page of their API resource's scopes.
func TestAccAPIResourceScope_manyScopes(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	api := acctest.RandomName("api")
	resource.Test(t, testCase(e, resource.TestStep{
		Config: e.Config(`
resource "logto_api_resource" "a" {
  name      = %[1]q
  indicator = "https://%[1]s.example.com"
}
resource "logto_api_resource_scope" "s" {
  count       = 25
  resource_id = logto_api_resource.a.id
  name        = "scope:${count.index}"
}
`, api),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("logto_api_resource_scope.s[0]", acctest.Attr("name"), knownvalue.StringExact("scope:0")),
			statecheck.ExpectKnownValue("logto_api_resource_scope.s[24]", acctest.Attr("name"), knownvalue.StringExact("scope:24")),
		},
	}))
}

func TestAccAPIResourceScope_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	api := acctest.RandomName("api")
	for _, tc := range []struct{ body, want string }{
		{`bad scope`, `(?s)Invalid Scope Name.*white space`},
		{"tab\there", `Invalid Scope Name`},
		{``, `string length must be between 1 and 256`},
	} {
		resource.Test(t, testCase(e, resource.TestStep{
			Config:      scopeConfig(e, api, "a", tc.body, ""),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		}))
	}
	resource.Test(t, testCase(e, resource.TestStep{
		Config:      e.Config(`resource "logto_api_resource_scope" "test" {` + "\n" + `resource_id = "x"` + "\n" + `name = "ok"` + "\n" + `}`),
		ImportState: true, ResourceName: scopeAddr, ImportStateId: "no-slash",
		ExpectError: regexp.MustCompile(`(?s)Invalid Import ID.*<resource_id>/<scope_id>`),
	}))
	route := "POST /api/resources/{id}/scopes"
	if n := e.Requests(route); n > 0 {
		t.Errorf("invalid configurations sent %d %s requests, want 0", n, route)
	}
	// Positive control: a valid scope is counted.
	resource.Test(t, testCase(e, resource.TestStep{
		Config:           scopeConfig(e, api, "a", "good:scope", ""),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
	}))
	if n := e.Requests(route); n == 0 {
		t.Errorf("a valid scope sent no %s: the counter does not count", route)
	}
}
