package role_test

import (
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

func testCase(e *acctest.Env, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             e.CheckAccessDestroyed,
		Steps:                    steps,
	}
}

// compareEqual is compare.ValuesSame for statecheck.CompareValuePairs.
var compareEqual = compare.ValuesSame()
