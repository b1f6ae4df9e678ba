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

// jitConfig is an organization with roles r (n of them), an SSO connector
// and the given just-in-time settings.
func jitConfig(e *acctest.Env, idp *acctest.MockIdP, name string, roles int, body string) string {
	return e.Config(`
resource "logto_organization_role" "r" {
  count = %[2]d
  name  = "%[1]s-r${count.index}"
}
resource "logto_sso_connector" "sso" {
  provider_name  = "OIDC"
  connector_name = %[1]q
  oidc = {
    client_id     = "acme"
    client_secret = "acme-secret"
    issuer        = %[4]q
  }
}
resource "logto_organization" "test" {
  name = %[1]q
  %[3]s
}
`, name, roles, body, idp.Issuer(name))
}

func jitList(e *acctest.Env, kind string) func(context.Context, map[string]any) ([]string, error) {
	return func(ctx context.Context, v map[string]any) ([]string, error) {
		id, _ := v["id"].(string)
		switch kind {
		case "domains":
			return e.Client.ListOrganizationJITEmailDomains(ctx, id)
		case "roles":
			return e.Client.ListOrganizationJITRoleIDs(ctx, id)
		default:
			return e.Client.ListOrganizationJITSSOConnectorIDs(ctx, id)
		}
	}
}

// JIT sets added, changed, emptied; an entry added out of band shows as a
// diff and is removed; all in place.
func TestAccOrganization_jit(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	idp := acctest.NewMockIdP(t)
	name := acctest.RandomName("org")
	var id string
	step2 := jitConfig(e, idp, name, 3, `
  jit_email_domains     = ["b.example.com", "c.example.com"]
  jit_role_ids          = slice(logto_organization_role.r[*].id, 1, 3)
  jit_sso_connector_ids = []
`)
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config: jitConfig(e, idp, name, 3, `
  jit_email_domains     = ["a.example.com", "b.example.com"]
  jit_role_ids          = [logto_organization_role.r[0].id]
  jit_sso_connector_ids = [logto_sso_connector.sso.id]
`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID(orgAddr, &id),
				expectInLogto(orgAddr, "jit_email_domains", 2, jitList(e, "domains")),
				expectInLogto(orgAddr, "jit_role_ids", 1, jitList(e, "roles")),
				expectInLogto(orgAddr, "jit_sso_connector_ids", 1, jitList(e, "connectors")),
			},
		},
		resource.TestStep{
			Config:           step2,
			ConfigPlanChecks: acctest.PlannedAction(orgAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(orgAddr, &id),
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("jit_email_domains"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact("b.example.com"), knownvalue.StringExact("c.example.com"),
				})),
				expectInLogto(orgAddr, "jit_email_domains", 2, jitList(e, "domains")),
				expectInLogto(orgAddr, "jit_role_ids", 2, jitList(e, "roles")),
				expectInLogto(orgAddr, "jit_sso_connector_ids", 0, jitList(e, "connectors")),
			},
		},
		// A domain added in the Console shows as a diff, and goes.
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.ReplaceOrganizationJITEmailDomains(t.Context(), id, []string{"b.example.com", "c.example.com", "console.example.com"}); err != nil {
					t.Fatal(err)
				}
			},
			Config: step2,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(orgAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(orgAddr, acctest.Attr("jit_email_domains"), knownvalue.SetSizeExact(2)),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{expectInLogto(orgAddr, "jit_email_domains", 2, jitList(e, "domains"))},
		},
		resource.TestStep{ResourceName: orgAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		resource.TestStep{
			Config: jitConfig(e, idp, name, 3, `
  jit_email_domains     = []
  jit_role_ids          = []
  jit_sso_connector_ids = []
`),
			ConfigPlanChecks: acctest.PlannedAction(orgAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(orgAddr, &id),
				expectInLogto(orgAddr, "jit_email_domains", 0, jitList(e, "domains")),
				expectInLogto(orgAddr, "jit_role_ids", 0, jitList(e, "roles")),
			},
		},
	))
}

// Omitted JIT sets are not managed: entries added in the Console plan no
// change (the positive control of the out-of-band diff above).
func TestAccOrganization_jitUnmanagedWhenOmitted(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("org")
	var id string
	config := orgConfig(e, name, "")
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(orgAddr, &id)}},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.ReplaceOrganizationJITEmailDomains(t.Context(), id, []string{"console.example.com"}); err != nil {
					t.Fatal(err)
				}
			},
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("jit_email_domains"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("console.example.com")})),
			},
		},
	))
}

// More than 20 JIT email domains and roles: every page is read.
func TestAccOrganization_jitMany(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("org")
	config := func(domains, from, to int) string {
		return e.Config(`
resource "logto_organization_role" "r" {
  count = 24
  name  = "%[1]s-r${count.index}"
}
resource "logto_organization" "test" {
  name              = %[1]q
  jit_email_domains = [for i in range(%[2]d) : "d${i}.example.com"]
  jit_role_ids      = slice(logto_organization_role.r[*].id, %[3]d, %[4]d)
}
`, name, domains, from, to)
	}
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           config(23, 0, 22),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(orgAddr, acctest.Attr("jit_email_domains"), knownvalue.SetSizeExact(23)),
				expectInLogto(orgAddr, "jit_email_domains", 23, jitList(e, "domains")),
				expectInLogto(orgAddr, "jit_role_ids", 22, jitList(e, "roles")),
			},
		},
		resource.TestStep{
			Config:           config(25, 2, 24),
			ConfigPlanChecks: acctest.PlannedAction(orgAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				expectInLogto(orgAddr, "jit_email_domains", 25, jitList(e, "domains")),
				expectInLogto(orgAddr, "jit_role_ids", 22, jitList(e, "roles")),
			},
		},
	))
}

func TestAccOrganization_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("org")
	bot, err := e.Client.CreateOrganizationRole(t.Context(), logto.OrganizationRoleCreate{Name: name + "-known-bot", Type: logto.RoleTypeMachineToMachine})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Client.DeleteOrganizationRole(context.Background(), bot.ID) })
	if e.Emulator != nil {
		e.Emulator.ResetRequestCounts()
	}
	for _, tc := range []struct{ body, want string }{
		{`jit_email_domains = ["user@acme.com"]`, `must be the domain alone, without the user part or @`},
		{`jit_email_domains = ["@acme.com"]`, `must be the domain alone`},
		{`jit_email_domains = ["not a domain"]`, `not a domain name`},
		{`jit_email_domains = ["acme"]`, `it needs a dot`},
		{`jit_email_domains = ["Acme.com"]`, `must be lowercase`},
		{`jit_email_domains = ["-acme.com"]`, `not a domain name`},
		{`jit_email_domains = ["acme.123"]`, `ends with a number`},
		{`custom_data = jsonencode(["a"])`, `JSON object`},
		{`description = "` + fmt.Sprintf("%0300d", 0) + `"`, `string length must be at most 256`},
		{`branding = { logo_url = "ftp://acme.com/logo.png" }`, `(?i)http`},
		{`jit_role_ids = ["does-not-exist"]`, `(?s)Unknown Logto Organization Role.*"does-not-exist"`},
		{`jit_role_ids = ["` + bot.ID + `"]`, `(?s)Wrong Logto Organization Role Type.*MachineToMachine`},
	} {
		resource.Test(t, testCase(e, resource.TestStep{
			Config:      orgConfig(e, name, tc.body),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		}))
	}
	resource.Test(t, testCase(e, resource.TestStep{
		Config:      orgConfig(e, "", ""),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`string length must be between 1 and 128`),
	}))
	if n := writes(e); n > 0 {
		t.Errorf("invalid configurations sent %d write requests, want 0", n)
	}
	// A MachineToMachine role cannot be given just in time; its id is known
	// only during apply here, where the final plan checks it before the
	// organization is created.
	resource.Test(t, testCase(e, resource.TestStep{
		Config: e.Config(`
resource "logto_organization_role" "bot" {
  name = "%[1]s-bot"
  type = "MachineToMachine"
}
resource "logto_organization" "test" {
  name         = %[1]q
  jit_role_ids = [logto_organization_role.bot.id]
}
`, name),
		ExpectError: regexp.MustCompile(`(?s)Wrong Logto Organization Role Type.*a MachineToMachine role`),
	}))
	// Positive control: a valid organization is counted.
	resource.Test(t, testCase(e, resource.TestStep{Config: orgConfig(e, name, `jit_email_domains = ["acme.example.com"]`), ConfigPlanChecks: acctest.EmptyPlanAfterApply()}))
	if n := e.Requests("PUT /api/organizations/{id}/jit/email-domains"); n == 0 && e.Emulator != nil {
		t.Errorf("a valid organization sent no PUT …/jit/email-domains: the counter does not count")
	}
}
