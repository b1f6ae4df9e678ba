package apiresource_test

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

func testCase(e *acctest.Env, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             e.CheckAccessDestroyed,
		Steps:                    steps,
	}
}

// scopeImportID is the import id of a logto_api_resource_scope.
func scopeImportID(address string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[address]
		if !ok {
			return "", fmt.Errorf("%s is not in the state", address)
		}
		return rs.Primary.Attributes["resource_id"] + "/" + rs.Primary.ID, nil
	}
}

// compareEqual is compare.ValuesSame for statecheck.CompareValuePairs.
var compareEqual = compare.ValuesSame()
