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
	"github.com/faccc625/terraform-provider-logto/internal/logto"
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
				statecheck.ExpectKnownValue(addr, acctest.Attr("name"), knownvalue.StringExact(name)),
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
		resource.TestStep{Config: config("one"), ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
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
				statecheck.ExpectKnownValue(addr, acctest.Attr("description"), knownvalue.StringExact("two")),
			},
		},
	))
}

// TestAccApplicationDataSources_timeout: both data sources honour their
// read timeout when Logto does not answer.
func TestAccApplicationDataSources_timeout(t *testing.T) {
	t.Parallel()
	if acctest.RealLogto() {
		t.Skip("injects faults into the emulator")
	}
	e := acctest.New(t)
	name := acctest.RandomName("ds-timeout")
	app := e.Config(`
resource "logto_application" "test" {
  name = %q
  type = "SPA"
  timeouts = {
    read = "2s"
  }
}
`, name)
	byID := app + `
data "logto_application" "by_id" {
  id = logto_application.test.id
  timeouts = {
    read = "2s"
  }
}
`
	hang := func(route string) func() {
		return func() {
			e.Emulator.ClearFaults()
			e.Emulator.InjectFault(emulator.Fault{Method: "GET", Route: route, Delay: time.Minute, Times: 20})
		}
	}
	resource.Test(t, testCase(e,
		resource.TestStep{Config: app},
		resource.TestStep{
			PreConfig: hang("/api/applications"),
			Config: app + `
data "logto_applications" "all" {
  timeouts = {
    read = "2s"
  }
}
`,
			ExpectError: regexp.MustCompile(`(?s)Unable to List Logto Applications.*timed out`),
		},
		resource.TestStep{
			PreConfig:   hang("/api/applications/{id}"),
			Config:      byID,
			ExpectError: regexp.MustCompile(`(?s)Unable to Read Logto Application.*timed out`),
		},
		// Positive control: with Logto answering again, the same
		// configuration reads fine.
		resource.TestStep{
			PreConfig: e.Emulator.ClearFaults,
			Config:    byID,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.logto_application.by_id", acctest.Attr("name"), knownvalue.StringExact(name)),
			},
		},
	))
}

// TestAccApplicationSecret_readTimeout: logto_application_secret honours its
// read timeout. The application is created outside the configuration so that
// only the secret lists secrets.
func TestAccApplicationSecret_readTimeout(t *testing.T) {
	t.Parallel()
	if acctest.RealLogto() {
		t.Skip("injects faults into the emulator")
	}
	e := acctest.New(t)
	app, err := e.Client.CreateApplication(context.Background(), logto.ApplicationCreate{
		Name: acctest.RandomName("secret-timeout"), Type: logto.ApplicationTypeMachineToMachine,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.DeleteApplicationIfExists(t, app.ID) })
	config := e.Config(`
resource "logto_application_secret" "test" {
  application_id = %q
  name           = "ci"
  timeouts = {
    read = "2s"
  }
}
`, app.ID)
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
		resource.TestStep{
			PreConfig: func() {
				e.Emulator.InjectFault(emulator.Fault{Method: "GET", Route: "/api/applications/{id}/secrets", Delay: time.Minute, Times: 20})
			},
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)Unable to Read Logto Application Secret.*timed out`),
		},
		resource.TestStep{
			PreConfig:         e.Emulator.ClearFaults,
			Config:            config,
			ConfigStateChecks: []statecheck.StateCheck{expectSecretInLogto(e)},
		},
	))
}
