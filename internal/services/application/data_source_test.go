package application_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

func TestAccApplicationDataSource_byIDAndName(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("ds")
	resource.Test(t, testCase(e, resource.TestStep{
		Config: e.Config(`
resource "logto_application" "test" {
  name          = %q
  type          = "SPA"
  description   = "looked up"
  redirect_uris = ["https://spa.example.com/cb"]
  custom_data   = jsonencode({ k = "v" })
}

data "logto_application" "by_id" {
  id = logto_application.test.id
}

data "logto_application" "by_name" {
  name       = logto_application.test.name
  depends_on = [logto_application.test]
}
`, name),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.CompareValuePairs("data.logto_application.by_id", acctest.Attr("id"), addr, acctest.Attr("id"), compare.ValuesSame()),
			statecheck.CompareValuePairs("data.logto_application.by_name", acctest.Attr("id"), addr, acctest.Attr("id"), compare.ValuesSame()),
			statecheck.ExpectKnownValue("data.logto_application.by_id", acctest.Attr("name"), knownvalue.StringExact(name)),
			statecheck.ExpectKnownValue("data.logto_application.by_name", acctest.Attr("type"), knownvalue.StringExact("SPA")),
			statecheck.ExpectKnownValue("data.logto_application.by_name", acctest.Attr("description"), knownvalue.StringExact("looked up")),
			statecheck.ExpectKnownValue("data.logto_application.by_name", acctest.Attr("redirect_uris"),
				knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("https://spa.example.com/cb")})),
			statecheck.ExpectKnownValue("data.logto_application.by_id", acctest.Attr("custom_data"), knownvalue.StringExact(`{"k":"v"}`)),
		},
	}))
}

func TestAccApplicationDataSource_errors(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	dup := acctest.RandomName("dup")
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:      e.Config(`data "logto_application" "x" { name = %q }`, acctest.RandomName("missing")),
			ExpectError: regexp.MustCompile(`No application is named`),
		},
		resource.TestStep{
			Config:      e.Config(`data "logto_application" "x" { id = "does-not-exist" }`),
			ExpectError: regexp.MustCompile(`No application has the ID "does-not-exist"`),
		},
		resource.TestStep{
			Config:      e.Config(`data "logto_application" "x" {}`),
			ExpectError: regexp.MustCompile(`Exactly one of these attributes must be configured`),
		},
		resource.TestStep{
			Config: e.Config(`
resource "logto_application" "a" {
  name = %[1]q
  type = "MachineToMachine"
}
resource "logto_application" "b" {
  name = %[1]q
  type = "MachineToMachine"
}
data "logto_application" "x" {
  name       = %[1]q
  depends_on = [logto_application.a, logto_application.b]
}
`, dup),
			ExpectError: regexp.MustCompile(`2 applications are named`),
		},
	))
}

func TestAccApplicationsDataSource_types(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("list")
	resource.Test(t, testCase(e, resource.TestStep{
		Config: e.Config(`
resource "logto_application" "spa" {
  name = "%[1]s-spa"
  type = "SPA"
}
resource "logto_application" "m2m" {
  name = "%[1]s-m2m"
  type = "MachineToMachine"
}
data "logto_applications" "spa" {
  types      = ["SPA"]
  depends_on = [logto_application.spa, logto_application.m2m]
}
data "logto_applications" "all" {
  depends_on = [logto_application.spa, logto_application.m2m]
}
output "spa_names" {
  value = [for a in data.logto_applications.spa.applications : a.name if startswith(a.name, %[1]q)]
}
output "spa_types" {
  value = distinct([for a in data.logto_applications.spa.applications : a.type])
}
output "all_names" {
  value = sort([for a in data.logto_applications.all.applications : a.name if startswith(a.name, %[1]q)])
}
`, name),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("spa_names", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(name + "-spa")})),
			statecheck.ExpectKnownOutputValue("spa_types", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("SPA")})),
			statecheck.ExpectKnownOutputValue("all_names", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact(name + "-m2m"), knownvalue.StringExact(name + "-spa"),
			})),
		},
	}))
}

// TestAccApplicationDataSource_nameIsExact: the lookup narrows the listing
// with Logto's case-insensitive pattern search, then keeps the exact name
// only, so wildcards, case variants and backslashes in names behave.
func TestAccApplicationDataSource_nameIsExact(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	base := acctest.RandomName("exact")
	resource.Test(t, testCase(e, resource.TestStep{
		Config: e.Config(`
resource "logto_application" "wild" {
  name = "%[1]s_1%%"
  type = "SPA"
}
resource "logto_application" "upper" {
  name = upper("%[1]s_1%%")
  type = "SPA"
}
resource "logto_application" "lookalike" {
  name = "%[1]sx1-100"
  type = "SPA"
}
resource "logto_application" "backslash" {
  name = "%[1]s\\x"
  type = "SPA"
}
data "logto_application" "wild" {
  name       = "%[1]s_1%%"
  depends_on = [logto_application.wild, logto_application.upper, logto_application.lookalike]
}
data "logto_application" "backslash" {
  name       = "%[1]s\\x"
  depends_on = [logto_application.backslash]
}
`, base),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.CompareValuePairs("data.logto_application.wild", acctest.Attr("id"), "logto_application.wild", acctest.Attr("id"), compare.ValuesSame()),
			statecheck.CompareValuePairs("data.logto_application.backslash", acctest.Attr("id"), "logto_application.backslash", acctest.Attr("id"), compare.ValuesSame()),
		},
	}))
}
