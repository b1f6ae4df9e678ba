package user_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

func TestAccUserDataSource(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := username("ds")
	email := strings.ReplaceAll(name, "_", "-") + "@example.com"
	user := `
resource "logto_user" "test" {
  username      = "` + name + `"
  primary_email = "` + email + `"
  name          = "Data Source"
  custom_data   = jsonencode({ team = "iam" })
  profile       = { given_name = "Dee" }
}
`
	same := func(ds string) []statecheck.StateCheck {
		checks := []statecheck.StateCheck{
			statecheck.ExpectKnownValue(ds, acctest.Attr("has_password"), knownvalue.Bool(false)),
			statecheck.ExpectKnownValue(ds, acctest.Attr("custom_data"), knownvalue.StringExact(`{"team":"iam"}`)),
		}
		for _, a := range []string{"id", "username", "primary_email", "name", "profile", "is_suspended", "created_at"} {
			checks = append(checks, statecheck.CompareValuePairs(ds, acctest.Attr(a), addr, acctest.Attr(a), compare.ValuesSame()))
		}
		return checks
	}
	resource.Test(t, testCase(e,
		resource.TestStep{Config: e.Config("%s", user), ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
		resource.TestStep{
			Config: e.Config("%s", user+`
data "logto_user" "by_id" {
  id = logto_user.test.id
}

data "logto_user" "by_username" {
  username = logto_user.test.username
}

# Emails are matched ignoring case, as Logto keeps them unique.
data "logto_user" "by_email" {
  primary_email = upper(logto_user.test.primary_email)
}
`),
			ConfigStateChecks: append(append(same("data.logto_user.by_id"), same("data.logto_user.by_username")...),
				same("data.logto_user.by_email")...),
		},
		// The username is matched exactly, case included.
		resource.TestStep{
			Config:      e.Config("%s", user+`data "logto_user" "x" { username = upper(logto_user.test.username) }`),
			ExpectError: regexp.MustCompile(`Logto User Not Found`),
		},
		resource.TestStep{
			Config:      e.Config("%s", user+`data "logto_user" "x" { id = "no-such-user" }`),
			ExpectError: regexp.MustCompile(`No user has the ID "no-such-user"`),
		},
		resource.TestStep{
			Config:      e.Config("%s", user+`data "logto_user" "x" { primary_email = "nobody-`+email+`" }`),
			ExpectError: regexp.MustCompile(`No user has the primary email`),
		},
		resource.TestStep{
			Config:      e.Config("%s", user+`data "logto_user" "x" {}`),
			ExpectError: regexp.MustCompile(`(?s)Exactly one of these attributes must be configured`),
		},
		resource.TestStep{
			Config:      e.Config("%s", user+`data "logto_user" "x" { username = "a b" }`),
			ExpectError: regexp.MustCompile(`Logto's username rule`),
		},
		// A valid configuration last, for the destroy.
		resource.TestStep{Config: e.Config("%s", user), ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
	))
}
