package organization_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const orgAddr = "logto_organization.test"

func orgConfig(e *acctest.Env, name, body string) string {
	return e.Config(`
resource "logto_organization" "test" {
  name = %q
  %s
}
`, name, body)
}

func TestAccOrganization_basic(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("org")
	config := orgConfig(e, name, `
  description     = "Acme Corp."
  custom_data     = jsonencode({ plan = "pro", seats = 10, tags = ["a", "b"] })
  is_mfa_required = true
  branding = {
    logo_url      = "https://acme.example.com/logo.png"
    dark_logo_url = "https://acme.example.com/logo-dark.png"
  }
`)
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z0-9]{12}$`))),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("description"), knownvalue.StringExact("Acme Corp.")),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("custom_data"), knownvalue.StringExact(`{"plan":"pro","seats":10,"tags":["a","b"]}`)),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("is_mfa_required"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("branding").AtMapKey("logo_url"), knownvalue.StringExact("https://acme.example.com/logo.png")),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("branding").AtMapKey("dark_logo_url"), knownvalue.StringExact("https://acme.example.com/logo-dark.png")),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("jit_email_domains"), knownvalue.SetSizeExact(0)),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("jit_role_ids"), knownvalue.SetSizeExact(0)),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("jit_sso_connector_ids"), knownvalue.SetSizeExact(0)),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
			},
		},
		resource.TestStep{ResourceName: orgAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		resource.TestStep{Config: config, ResourceName: orgAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
	))
}

func TestAccOrganization_update(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("org")
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:            orgConfig(e, name, `custom_data = jsonencode({ plan = "pro" })`+"\n"+`is_mfa_required = true`),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(orgAddr, &id)},
		},
		resource.TestStep{
			Config: orgConfig(e, name+"-renamed", `
  description     = "now described"
  custom_data     = jsonencode({ plan = "enterprise", region = "eu" })
  is_mfa_required = false
  branding        = { logo_url = "https://acme.example.com/new.png" }
`),
			ConfigPlanChecks: acctest.PlannedAction(orgAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(orgAddr, &id),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("name"), knownvalue.StringExact(name+"-renamed")),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("description"), knownvalue.StringExact("now described")),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("custom_data"), knownvalue.StringExact(`{"plan":"enterprise","region":"eu"}`)),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("is_mfa_required"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("branding").AtMapKey("dark_logo_url"), knownvalue.Null()),
			},
		},
		// Omitted attributes keep what Logto has.
		resource.TestStep{
			Config:           orgConfig(e, name, ""),
			ConfigPlanChecks: acctest.PlannedAction(orgAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(orgAddr, &id),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("description"), knownvalue.StringExact("now described")),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("custom_data"), knownvalue.StringExact(`{"plan":"enterprise","region":"eu"}`)),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("branding").AtMapKey("logo_url"), knownvalue.StringExact("https://acme.example.com/new.png")),
			},
		},
		resource.TestStep{
			Config:           orgConfig(e, name, `custom_data = jsonencode({})`),
			ConfigPlanChecks: acctest.PlannedAction(orgAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("custom_data"), knownvalue.StringExact(`{}`)),
			},
		},
	))
}

// A favicon set in the Console survives a logo change: Logto replaces
// branding whole, and the provider builds it from a fresh read.
func TestAccOrganization_brandingKeepsConsoleFavicon(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("org")
	var id string
	favicon := "https://acme.example.com/favicon.ico"
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:            orgConfig(e, name, `branding = { logo_url = "https://acme.example.com/a.png" }`),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(orgAddr, &id)},
		},
		resource.TestStep{
			PreConfig: func() {
				logo := "https://acme.example.com/a.png"
				b := logto.OrganizationBranding{LogoURL: &logo, Favicon: &favicon}
				if _, err := e.Client.UpdateOrganization(t.Context(), id, logto.OrganizationPatch{Branding: &b}); err != nil {
					t.Fatal(err)
				}
			},
			Config:           orgConfig(e, name, `branding = { logo_url = "https://acme.example.com/b.png" }`),
			ConfigPlanChecks: acctest.PlannedAction(orgAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{acctest.StateCheck(orgAddr, func(map[string]any) error {
				org, err := e.Client.GetOrganization(context.Background(), id)
				if err != nil {
					return err
				}
				if org.Branding.Favicon == nil || *org.Branding.Favicon != favicon {
					return fmt.Errorf("favicon = %v, want %s kept", org.Branding.Favicon, favicon)
				}
				if org.Branding.LogoURL == nil || *org.Branding.LogoURL != "https://acme.example.com/b.png" {
					return fmt.Errorf("logo = %v, want b.png", org.Branding.LogoURL)
				}
				return nil
			})},
		},
	))
}

func TestAccOrganization_disappears(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("org")
	var id string
	config := orgConfig(e, name, `jit_email_domains = ["acme.example.com"]`)
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(orgAddr, &id)}},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.DeleteOrganization(t.Context(), id); err != nil {
					t.Fatal(err)
				}
			},
			Config:           config,
			ConfigPlanChecks: acctest.PlannedAction(orgAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDChanged(orgAddr, &id),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("jit_email_domains"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("acme.example.com")})),
			},
		},
	))
}

// Out-of-band changes to managed attributes show as a diff and are undone.
func TestAccOrganization_drift(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("org")
	var id string
	config := orgConfig(e, name, `custom_data = jsonencode({ a = 1 })`+"\n"+`is_mfa_required = true`)
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(orgAddr, &id)}},
		resource.TestStep{
			PreConfig: func() {
				off := false
				if _, err := e.Client.UpdateOrganization(t.Context(), id, logto.OrganizationPatch{IsMfaRequired: &off, CustomData: []byte(`{"b":2}`)}); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(orgAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(orgAddr, acctest.Attr("is_mfa_required"), knownvalue.Bool(true)),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(orgAddr, &id),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("custom_data"), knownvalue.StringExact(`{"a":1}`)),
			},
		},
	))
}
