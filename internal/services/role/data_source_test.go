package role_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

func TestAccRoleDataSource_byIDAndName(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("role")
	resource.Test(t, testCase(e, resource.TestStep{
		Config: withScopes(e, name, 22, `scope_ids = logto_api_resource_scope.s[*].id`) + `
data "logto_role" "by_id" {
  id = logto_role.test.id
}
data "logto_role" "by_name" {
  name       = logto_role.test.name
  depends_on = [logto_role.test]
}
data "logto_role" "management" {
  name = "Logto Management API access"
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.CompareValuePairs("data.logto_role.by_id", acctest.Attr("name"), addr, acctest.Attr("name"), compareEqual),
			statecheck.ExpectKnownValue("data.logto_role.by_id", acctest.Attr("scope_ids"), knownvalue.SetSizeExact(22)),
			statecheck.CompareValuePairs("data.logto_role.by_name", acctest.Attr("id"), addr, acctest.Attr("id"), compareEqual),
			statecheck.CompareValuePairs("data.logto_role.by_name", acctest.Attr("scope_ids"), addr, acctest.Attr("scope_ids"), compareEqual),
			statecheck.ExpectKnownValue("data.logto_role.management", acctest.Attr("type"), knownvalue.StringExact(logto.RoleTypeMachineToMachine)),
			statecheck.ExpectKnownValue("data.logto_role.management", acctest.Attr("scope_ids"), knownvalue.SetSizeExact(1)),
		},
	}))
}

func TestAccRoleDataSource_errors(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	for _, tc := range []struct{ body, want string }{
		{`id = "does-not-exist"`, `(?s)Logto Role Not Found.*ID "does-not-exist"`},
		{`name = "no-such-role"`, `(?s)Logto Role Not Found.*no-such-role`},
		// Logto's search is case-insensitive; the match is exact.
		{`name = "logto management api access"`, `Logto Role Not Found`},
		{``, `Missing Attribute Configuration`},
		{`id = "x"` + "\n" + `name = "y"`, `Invalid Attribute Combination`},
	} {
		resource.Test(t, testCase(e, resource.TestStep{
			Config:      e.Config("data \"logto_role\" \"test\" {\n%s\n}\n", tc.body),
			ExpectError: regexp.MustCompile(tc.want),
		}))
	}
}
