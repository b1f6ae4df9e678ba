package application_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

// TestAccApplication_refreshCost counts the requests of plans over three
// applications: each provider process fetches one token, and each refresh
// costs one GET per application, with no secret listing and no list call.
// It reads the emulator's request counters, so it runs on the emulator only.
func TestAccApplication_refreshCost(t *testing.T) {
	t.Parallel()
	if acctest.RealLogto() {
		t.Skip("counts requests with the emulator's counters")
	}
	e := acctest.New(t)
	name := acctest.RandomName("cost")
	config := e.Config(`
resource "logto_application" "test" {
  count = 3
  name  = "%s-${count.index}"
  type  = "Traditional"
}
`, name)
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config},
		resource.TestStep{
			PreConfig: e.Emulator.ResetRequestCounts,
			Config:    config,
			PlanOnly:  true,
		},
		resource.TestStep{
			PreConfig: func() {
				counts := e.Emulator.RequestCounts()
				tokens := counts["POST /oidc/token"]
				gets := counts["GET /api/applications/{id}"]
				if tokens == 0 {
					t.Fatal("the plan-only step made no token request")
				}
				if gets != 3*tokens {
					t.Errorf("GET /api/applications/{id} = %d for %d provider runs, want exactly 3 per run (%d); counts: %v", gets, tokens, 3*tokens, counts)
				}
				for route, n := range counts {
					if route != "POST /oidc/token" && route != "GET /api/applications/{id}" {
						t.Errorf("unexpected %d × %s during plans", n, route)
					}
				}
				fmt.Printf("refresh of 3 applications: %d provider runs, %d tokens, %d GETs\n", tokens, tokens, gets)
			},
			Config:   config,
			PlanOnly: true,
		},
	))
}
