package application_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// These tests inject faults into the emulator, so they run on it only.

// TestAccApplication_retriesTransientFailures: a create answered once with
// 429 + Retry-After and refreshes answered twice with 503 still succeed, and
// the emulator saw the retries.
func TestAccApplication_retriesTransientFailures(t *testing.T) {
	t.Parallel()
	if acctest.RealLogto() {
		t.Skip("injects faults into the emulator")
	}
	e := acctest.New(t)
	name := acctest.RandomName("retry")
	config := e.Config(`
resource "logto_application" "test" {
  name = %q
  type = "SPA"
}
`, name)
	e.Emulator.InjectFault(emulator.Fault{Method: "POST", Route: "/api/applications", Status: 429, RetryAfter: "1", Times: 1})
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, attr("name"), knownvalue.StringExact(name)),
				stateCheckFunc(func(_ context.Context) error { return expectRequests(e, "POST /api/applications", 2) }),
			},
		},
		resource.TestStep{
			PreConfig: func() {
				e.Emulator.InjectFault(emulator.Fault{Method: "GET", Route: "/api/applications/{id}", Status: 503, Times: 2})
			},
			Config:   config,
			PlanOnly: true,
		},
	))
	if n := len(e.ApplicationsNamed(t, name)); n != 0 {
		t.Errorf("%d applications left after destroy; the retried POST must not create two", n)
	}
}

// TestAccApplication_timeout: an update that Logto does not answer within the
// configured timeout fails with a clear message instead of hanging.
func TestAccApplication_timeout(t *testing.T) {
	t.Parallel()
	if acctest.RealLogto() {
		t.Skip("injects faults into the emulator")
	}
	e := acctest.New(t)
	name := acctest.RandomName("timeout")
	config := func(description string) string {
		return e.Config(`
resource "logto_application" "test" {
  name        = %q
  type        = "SPA"
  description = %q
  timeouts = {
    update = "2s"
  }
}
`, name, description)
	}
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config("one"), ConfigPlanChecks: emptyPlanAfterApply},
		resource.TestStep{
			PreConfig: func() {
				e.Emulator.InjectFault(emulator.Fault{Method: "PATCH", Route: "/api/applications/{id}", Delay: time.Minute, Times: 10})
			},
			Config:      config("two"),
			ExpectError: regexp.MustCompile(`(?s)Unable to Update Logto Application.*timed out`),
		},
		resource.TestStep{
			PreConfig: e.Emulator.ClearFaults,
			Config:    config("two"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, attr("description"), knownvalue.StringExact("two")),
			},
		},
	))
}
