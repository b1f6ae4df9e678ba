package apiresource_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const addr = "logto_api_resource.test"

func apiConfig(e *acctest.Env, name, indicator, extra string) string {
	return e.Config(`
resource "logto_api_resource" "test" {
  name      = %q
  indicator = %q
  %s
}
`, name, indicator, extra)
}

func indicatorFor(name string) string { return "https://" + name + ".example.com/api" }

func TestAccAPIResource_basic(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("api")
	resource.Test(t, testCase(e, resource.TestStep{
		Config:           apiConfig(e, name, indicatorFor(name), ""),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, acctest.Attr("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z0-9]{21}$`))),
			statecheck.ExpectKnownValue(addr, acctest.Attr("name"), knownvalue.StringExact(name)),
			statecheck.ExpectKnownValue(addr, acctest.Attr("indicator"), knownvalue.StringExact(indicatorFor(name))),
			statecheck.ExpectKnownValue(addr, acctest.Attr("access_token_ttl"), knownvalue.Int64Exact(logto.DefaultAccessTokenTTL)),
			statecheck.ExpectKnownValue(addr, acctest.Attr("is_default"), knownvalue.Bool(false)),
		},
	}))
}

func TestAccAPIResource_update(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("api")
	ind := indicatorFor(name)
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:            apiConfig(e, name, ind, "access_token_ttl = 7200"),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id), statecheck.ExpectKnownValue(addr, acctest.Attr("access_token_ttl"), knownvalue.Int64Exact(7200))},
		},
		resource.TestStep{
			Config:           apiConfig(e, name+"-renamed", ind, "access_token_ttl = 600\n  is_default = true"),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(addr, &id),
				statecheck.ExpectKnownValue(addr, acctest.Attr("name"), knownvalue.StringExact(name+"-renamed")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("access_token_ttl"), knownvalue.Int64Exact(600)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("is_default"), knownvalue.Bool(true)),
			},
		},
		// Omitting is_default and access_token_ttl leaves them as they are.
		resource.TestStep{
			Config:           apiConfig(e, name, ind, ""),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(addr, &id),
				statecheck.ExpectKnownValue(addr, acctest.Attr("access_token_ttl"), knownvalue.Int64Exact(600)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("is_default"), knownvalue.Bool(true)),
			},
		},
		resource.TestStep{
			Config:           apiConfig(e, name, ind, "is_default = false"),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(addr, &id),
				statecheck.ExpectKnownValue(addr, acctest.Attr("is_default"), knownvalue.Bool(false)),
			},
		},
	))
}

// Setting is_default on one API resource clears it on the others (Logto keeps
// one default): the other resource, which does not manage the flag, just
// reads false.
func TestAccAPIResource_isDefaultMovesBetweenResources(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	a, b := acctest.RandomName("api-a"), acctest.RandomName("api-b")
	config := func(defaultOnB string) string {
		return e.Config(`
resource "logto_api_resource" "a" {
  name       = %q
  indicator  = %q
  is_default = true
}
resource "logto_api_resource" "b" {
  name       = %q
  indicator  = %q
  %s
  depends_on = [logto_api_resource.a]
}
`, a, indicatorFor(a), b, indicatorFor(b), defaultOnB)
	}
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           config(""),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("logto_api_resource.a", acctest.Attr("is_default"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("logto_api_resource.b", acctest.Attr("is_default"), knownvalue.Bool(false)),
			},
		},
		// Taking the flag for b clears it on a, which a's next plan restores:
		// the documented reason to set it on one resource only.
		resource.TestStep{
			Config: config("is_default = true"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("logto_api_resource.b", plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("logto_api_resource.a", plancheck.ResourceActionUpdate),
				},
			},
			ExpectNonEmptyPlan: true,
		},
	))
}

func TestAccAPIResource_import(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("api")
	config := apiConfig(e, name, indicatorFor(name), "access_token_ttl = 1800")
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
		resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true},
		resource.TestStep{Config: config, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
	))
}

func TestAccAPIResource_drift(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("api")
	var id string
	config := apiConfig(e, name, indicatorFor(name), "access_token_ttl = 900")
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)}},
		resource.TestStep{
			PreConfig: func() {
				changed, ttl := "changed in the Console", int64(60)
				if _, err := e.Client.UpdateAPIResource(t.Context(), id, logto.APIResourcePatch{Name: &changed, AccessTokenTTL: &ttl}); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, acctest.Attr("name"), knownvalue.StringExact(name)),
					plancheck.ExpectKnownValue(addr, acctest.Attr("access_token_ttl"), knownvalue.Int64Exact(900)),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIDUnchanged(addr, &id)},
		},
	))
}

func TestAccAPIResource_disappears(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("api")
	var id string
	config := apiConfig(e, name, indicatorFor(name), "")
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)}},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.DeleteAPIResource(t.Context(), id); err != nil {
					t.Fatal(err)
				}
			},
			Config:            config,
			ConfigPlanChecks:  acctest.PlannedAction(addr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIDChanged(addr, &id)},
		},
	))
}

func TestAccAPIResource_replaceIndicator(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("api")
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{Config: apiConfig(e, name, indicatorFor(name), ""), ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)}},
		resource.TestStep{
			Config:           apiConfig(e, name, indicatorFor(name)+"/v2", ""),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDChanged(addr, &id),
				statecheck.ExpectKnownValue(addr, acctest.Attr("indicator"), knownvalue.StringExact(indicatorFor(name)+"/v2")),
			},
		},
	))
}

func TestAccAPIResource_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("api")
	for _, tc := range []struct{ indicator, want string }{
		{"not a url", `(?s)Invalid API Resource Indicator.*white space`},
		{"api.example.com", `(?s)Invalid API Resource Indicator.*no scheme`},
		{"/relative/path", `(?s)Invalid API Resource Indicator.*no scheme`},
		{"https://api.example.com/#frag", `(?s)Invalid API Resource Indicator.*fragment`},
		{"https:///path-only", `(?s)Invalid API Resource Indicator.*no host`},
	} {
		resource.Test(t, testCase(e, resource.TestStep{
			Config:      apiConfig(e, name, tc.indicator, ""),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		}))
	}
	resource.Test(t, testCase(e, resource.TestStep{
		Config:      apiConfig(e, name, indicatorFor(name), "access_token_ttl = 0"),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`must be at least 1`),
	}))
	if n := e.Requests("POST /api/resources"); n > 0 {
		t.Errorf("invalid configurations sent %d POST /api/resources requests, want 0", n)
	}
	// Positive control: a valid configuration is counted, so the zero above
	// means no request was sent. urn: indicators are absolute URIs too.
	resource.Test(t, testCase(e, resource.TestStep{
		Config:           apiConfig(e, name, "urn:example:"+name, ""),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
	}))
	if n := e.Requests("POST /api/resources"); n == 0 {
		t.Errorf("a valid configuration sent no POST /api/resources: the counter does not count")
	}
}

// The built-in Management API can be imported and read, but neither deleted
// nor replaced: the plan says so, and a removed block stops managing it.
func TestAccAPIResource_managementAPI(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	const mgmt = "logto_api_resource.mgmt"
	config := e.Config(`
import {
  to = logto_api_resource.mgmt
  id = %q
}
resource "logto_api_resource" "mgmt" {
  name      = "Logto Management API"
  indicator = %q
}
`, logto.ManagementAPIResourceID, e.Resource)
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(mgmt, plancheck.ResourceActionNoop)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(mgmt, acctest.Attr("id"), knownvalue.StringExact(logto.ManagementAPIResourceID)),
			},
		},
		resource.TestStep{
			Config: e.Config(`
resource "logto_api_resource" "mgmt" {
  name      = "Logto Management API"
  indicator = "https://elsewhere.example.com/api"
}
`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Cannot Replace the Logto Management API`),
		},
		resource.TestStep{
			Config:      e.ProviderBlock(),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Cannot Delete the Logto Management API.*removed`),
		},
		resource.TestStep{
			Config: e.Config(`
removed {
  from = logto_api_resource.mgmt
  lifecycle {
    destroy = false
  }
}
`),
		},
	))
	if _, err := e.Client.GetAPIResource(t.Context(), logto.ManagementAPIResourceID); err != nil {
		t.Errorf("the Management API resource is gone: %v", err)
	}
}
