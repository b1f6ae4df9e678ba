package organization_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

func TestAccOrganizationDataSources(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("ds")
	base := e.Config(`
resource "logto_organization_scope" "s" {
  name        = "%[1]s:read"
  description = "Read"
}
resource "logto_organization_role" "r" {
  name                   = %[1]q
  organization_scope_ids = [logto_organization_scope.s.id]
}
resource "logto_organization" "o" {
  name              = %[1]q
  custom_data       = jsonencode({ tier = "gold" })
  is_mfa_required   = true
  jit_email_domains = ["ds.example.com"]
  jit_role_ids      = [logto_organization_role.r.id]
}
`, name)
	same := compare.ValuesSame()
	resource.Test(t, testCase(e,
		resource.TestStep{Config: base},
		resource.TestStep{
			Config: base + `
data "logto_organization" "by_name" { name = logto_organization.o.name }
data "logto_organization" "by_id" { id = logto_organization.o.id }
data "logto_organization_role" "by_name" { name = logto_organization_role.r.name }
data "logto_organization_role" "by_id" { id = logto_organization_role.r.id }
data "logto_organization_scope" "by_name" { name = logto_organization_scope.s.name }
data "logto_organization_scope" "by_id" { id = logto_organization_scope.s.id }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.logto_organization.by_name", acctest.Attr("id"), "logto_organization.o", acctest.Attr("id"), same),
				statecheck.CompareValuePairs("data.logto_organization.by_id", acctest.Attr("name"), "logto_organization.o", acctest.Attr("name"), same),
				statecheck.ExpectKnownValue("data.logto_organization.by_name", acctest.Attr("custom_data"), knownvalue.StringExact(`{"tier":"gold"}`)),
				statecheck.ExpectKnownValue("data.logto_organization.by_name", acctest.Attr("is_mfa_required"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.logto_organization.by_id", acctest.Attr("jit_email_domains"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ds.example.com")})),
				statecheck.CompareValuePairs("data.logto_organization.by_id", acctest.Attr("jit_role_ids"), "logto_organization.o", acctest.Attr("jit_role_ids"), same),
				statecheck.CompareValuePairs("data.logto_organization_role.by_name", acctest.Attr("id"), "logto_organization_role.r", acctest.Attr("id"), same),
				statecheck.CompareValuePairs("data.logto_organization_role.by_id", acctest.Attr("organization_scope_ids"), "logto_organization_role.r", acctest.Attr("organization_scope_ids"), same),
				statecheck.ExpectKnownValue("data.logto_organization_role.by_id", acctest.Attr("type"), knownvalue.StringExact("User")),
				statecheck.CompareValuePairs("data.logto_organization_scope.by_name", acctest.Attr("id"), "logto_organization_scope.s", acctest.Attr("id"), same),
				statecheck.ExpectKnownValue("data.logto_organization_scope.by_id", acctest.Attr("description"), knownvalue.StringExact("Read")),
			},
		},
		// Organization names may repeat: two matches are an error.
		resource.TestStep{
			Config: base + `
resource "logto_organization" "twin" { name = logto_organization.o.name }
data "logto_organization" "by_name" {
  name       = logto_organization.o.name
  depends_on = [logto_organization.twin]
}
`,
			ExpectError: regexp.MustCompile(`Several Logto Organizations Match`),
		},
	))
	for _, tc := range []struct{ config, want string }{
		{`data "logto_organization" "x" { name = "` + name + `-none" }`, `(?s)Logto Organization Not Found.*matched\s+exactly`},
		{`data "logto_organization_role" "x" { id = "does-not-exist" }`, `(?s)Logto Organization Role Not Found.*"does-not-exist"`},
		{`data "logto_organization_scope" "x" { name = "` + name + `-none" }`, `Logto Organization Scope Not Found`},
		{"data \"logto_organization\" \"x\" {\n id = \"a\"\n name = \"b\"\n}", `(?s)Invalid Attribute Combination`},
	} {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
			Steps:                    []resource.TestStep{{Config: e.Config("%s", tc.config), ExpectError: regexp.MustCompile(tc.want)}},
		})
	}
}
