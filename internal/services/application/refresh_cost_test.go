package application_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

// TestAccApplication_refreshCost counts the requests of plans over three
// Traditional applications and one SPA: each provider process fetches one
// token, and each refresh costs one GET per application plus one secret
// listing per application that has secrets (the Default secret is read again
// so that a rotation shows), with no list call.
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
  name  = "%[1]s-${count.index}"
  type  = "Traditional"
}
resource "logto_application" "spa" {
  name = "%[1]s-spa"
  type = "SPA"
}
`, name)
	const (
		getApp     = "GET /api/applications/{id}"
		getSecrets = "GET /api/applications/{id}/secrets"
		token      = "POST /oidc/token"
	)
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
				tokens := counts[token]
				if tokens == 0 {
					t.Fatal("the plan-only step made no token request")
				}
				if got, want := counts[getApp], 4*tokens; got != want {
					t.Errorf("%s = %d for %d provider runs, want exactly 4 per run (%d); counts: %v", getApp, got, tokens, want, counts)
				}
				if got, want := counts[getSecrets], 3*tokens; got != want {
					t.Errorf("%s = %d for %d provider runs, want exactly 3 per run (%d), none for the SPA; counts: %v", getSecrets, got, tokens, want, counts)
				}
				for route, n := range counts {
					if route != token && route != getApp && route != getSecrets {
						t.Errorf("unexpected %d × %s during plans", n, route)
					}
				}
				fmt.Printf("refresh of 3 Traditional applications and 1 SPA: %d provider runs, %d GETs, %d secret listings\n",
					tokens, counts[getApp], counts[getSecrets])
			},
			Config:   config,
			PlanOnly: true,
		},
	))
}
