package apiresource_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

func TestAccAPIResourceDataSource_byIDAndIndicator(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("api")
	resource.Test(t, testCase(e, resource.TestStep{
		Config: e.Config(`
resource "logto_api_resource" "test" {
  name             = %q
  indicator        = %q
  access_token_ttl = 1200
}
data "logto_api_resource" "by_id" {
  id = logto_api_resource.test.id
}
data "logto_api_resource" "by_indicator" {
  indicator = logto_api_resource.test.indicator
}
data "logto_api_resource" "management" {
  indicator = %q
}
`, name, indicatorFor(name), e.Resource),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.CompareValuePairs("data.logto_api_resource.by_id", acctest.Attr("indicator"), addr, acctest.Attr("indicator"), compareEqual),
			statecheck.ExpectKnownValue("data.logto_api_resource.by_id", acctest.Attr("access_token_ttl"), knownvalue.Int64Exact(1200)),
			statecheck.CompareValuePairs("data.logto_api_resource.by_indicator", acctest.Attr("id"), addr, acctest.Attr("id"), compareEqual),
			statecheck.ExpectKnownValue("data.logto_api_resource.by_indicator", acctest.Attr("name"), knownvalue.StringExact(name)),
			statecheck.ExpectKnownValue("data.logto_api_resource.management", acctest.Attr("id"), knownvalue.StringExact(logto.ManagementAPIResourceID)),
			statecheck.ExpectKnownValue("data.logto_api_resource.management", acctest.Attr("name"), knownvalue.StringExact("Logto Management API")),
		},
	}))
}

func TestAccAPIResourceDataSource_errors(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	for _, tc := range []struct{ body, want string }{
		{`id = "does-not-exist"`, `(?s)Logto API Resource Not Found.*ID "does-not-exist"`},
		{`indicator = "https://nothing.example.com"`, `(?s)Logto API Resource Not Found.*indicator`},
		{`indicator = "HTTPS://DEFAULT.LOGTO.APP/API"`, `Logto API Resource Not Found`},
		{``, `Missing Attribute Configuration`},
		{`id = "x"` + "\n" + `indicator = "y"`, `(?s)Invalid Attribute Combination`},
	} {
		resource.Test(t, testCase(e, resource.TestStep{
			Config:      e.Config("data \"logto_api_resource\" \"test\" {\n%s\n}\n", tc.body),
			ExpectError: regexp.MustCompile(tc.want),
		}))
	}
}
