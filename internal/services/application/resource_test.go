package application_test

import (
	"context"
	"encoding/json"
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

const addr = "logto_application.test"

func testCase(e *acctest.Env, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             e.CheckApplicationsDestroyed,
		Steps:                    steps,
	}
}

func TestAccApplication_basic(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		appType    string
		hasSecret  bool
		redirects  string
		postLogout string
	}{
		{logto.ApplicationTypeTraditional, true, `["https://app.example.com/callback", "http://localhost:8080/callback"]`, `["https://app.example.com/"]`},
		{logto.ApplicationTypeSPA, false, `["https://spa.example.com/callback"]`, `[]`},
		{logto.ApplicationTypeNative, false, `["io.example.app://callback"]`, `["io.example.app://signed-out"]`},
		{logto.ApplicationTypeMachineToMachine, true, `[]`, `[]`},
	} {
		t.Run(tc.appType, func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t)
			name := acctest.RandomName("app")
			secretCheck := statecheck.ExpectKnownValue(addr, acctest.Attr("secret"), knownvalue.Null())
			if tc.hasSecret {
				secretCheck = expectDefaultSecret(e)
			}
			resource.Test(t, testCase(e, resource.TestStep{
				Config: e.Config(`
resource "logto_application" "test" {
  name                      = %q
  type                      = %q
  redirect_uris             = %s
  post_logout_redirect_uris = %s
}
`, name, tc.appType, tc.redirects, tc.postLogout),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, acctest.Attr("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z0-9]{21}$`))),
					statecheck.ExpectKnownValue(addr, acctest.Attr("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(addr, acctest.Attr("type"), knownvalue.StringExact(tc.appType)),
					statecheck.ExpectKnownValue(addr, acctest.Attr("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, acctest.Attr("is_third_party"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, acctest.Attr("custom_data"), knownvalue.StringExact("{}")),
					statecheck.ExpectKnownValue(addr, acctest.Attr("cors_allowed_origins"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(addr, acctest.Attr("id_token_ttl"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, acctest.Attr("protected_app_metadata"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, acctest.Attr("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
					expectListMatchesHCL(addr, "redirect_uris", tc.redirects),
					expectListMatchesHCL(addr, "post_logout_redirect_uris", tc.postLogout),
					secretCheck,
				},
			}))
		})
	}
}

func TestAccApplication_protected(t *testing.T) {
	t.Parallel()
	acctest.SkipProtectedAppsOnRealLogto(t)
	e := acctest.New(t)
	name := acctest.RandomName("protected")
	sub := "tfacc" + acctest.RandomName("")[7:]
	config := func(origin string) string {
		return e.Config(`
resource "logto_application" "test" {
  name = %q
  type = "Protected"
  protected_app_metadata = {
    sub_domain = %q
    origin     = %q
  }
}
`, name, sub, origin)
	}
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           config("https://internal.example.com"),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("protected_app_metadata"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"sub_domain": knownvalue.StringExact(sub),
					"origin":     knownvalue.StringExact("https://internal.example.com"),
					"host":       knownvalue.StringRegexp(regexp.MustCompile("^" + sub + `\.`)),
				})),
				expectDefaultSecret(e),
			},
		},
		resource.TestStep{
			Config: config("https://internal2.example.com"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("protected_app_metadata").AtMapKey("origin"), knownvalue.StringExact("https://internal2.example.com")),
			},
		},
		resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true},
	))
}

func TestAccApplication_update(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("update")
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config: e.Config(`
resource "logto_application" "test" {
  name = %q
  type = "Traditional"
}
`, name),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("redirect_uris"), knownvalue.ListSizeExact(0)),
				acctest.CaptureID(addr, &id),
			},
		},
		// Settings made in the Console, which this resource does not manage,
		// must survive every update below.
		resource.TestStep{
			PreConfig: func() { setUnmanagedMetadata(t, e, id) },
			Config: e.Config(`
resource "logto_application" "test" {
  name                       = "%s-renamed"
  type                       = "Traditional"
  description                = "Managed by Terraform"
  redirect_uris              = ["https://b.example.com/cb", "https://a.example.com/cb"]
  post_logout_redirect_uris  = ["https://a.example.com/"]
  cors_allowed_origins       = ["https://a.example.com", "https://b.example.com"]
  id_token_ttl               = 7200
  refresh_token_ttl_in_days  = 30
  rotate_refresh_token       = false
  always_issue_refresh_token = true
  custom_data                = jsonencode({ team = "platform", tier = 1, tags = ["a", "b"] })
}
`, name),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("name"), knownvalue.StringExact(name+"-renamed")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("description"), knownvalue.StringExact("Managed by Terraform")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("redirect_uris"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("https://b.example.com/cb"), knownvalue.StringExact("https://a.example.com/cb"),
				})),
				statecheck.ExpectKnownValue(addr, acctest.Attr("cors_allowed_origins"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact("https://a.example.com"), knownvalue.StringExact("https://b.example.com"),
				})),
				statecheck.ExpectKnownValue(addr, acctest.Attr("id_token_ttl"), knownvalue.Int64Exact(7200)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("refresh_token_ttl_in_days"), knownvalue.Int64Exact(30)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("rotate_refresh_token"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("always_issue_refresh_token"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("custom_data"), knownvalue.StringExact(`{"tags":["a","b"],"team":"platform","tier":1}`)),
				expectUnmanagedMetadataKept(e, &id),
			},
		},
		// Reorder, remove and clear: what is removed from the configuration
		// goes back to Logto's default; the id is kept (no replacement).
		resource.TestStep{
			Config: e.Config(`
resource "logto_application" "test" {
  name                      = %q
  type                      = "Traditional"
  redirect_uris             = ["https://a.example.com/cb", "https://b.example.com/cb"]
  post_logout_redirect_uris = []
  cors_allowed_origins      = []
  refresh_token_ttl_in_days = 7
  custom_data               = jsonencode({})
}
`, name),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("description"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, acctest.Attr("redirect_uris"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("https://a.example.com/cb"), knownvalue.StringExact("https://b.example.com/cb"),
				})),
				statecheck.ExpectKnownValue(addr, acctest.Attr("post_logout_redirect_uris"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("cors_allowed_origins"), knownvalue.SetSizeExact(0)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("id_token_ttl"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, acctest.Attr("refresh_token_ttl_in_days"), knownvalue.Int64Exact(7)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("rotate_refresh_token"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, acctest.Attr("custom_data"), knownvalue.StringExact("{}")),
				expectUnmanagedMetadataKept(e, &id),
				acctest.ExpectIDUnchanged(addr, &id),
			},
		},
	))
}

func TestAccApplication_import(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("import")
	config := e.Config(`
resource "logto_application" "test" {
  name                      = %q
  type                      = "Traditional"
  description               = "imported"
  redirect_uris             = ["https://app.example.com/cb"]
  post_logout_redirect_uris = ["https://app.example.com/"]
  cors_allowed_origins      = ["https://app.example.com"]
  id_token_ttl              = 600
  rotate_refresh_token      = true
  custom_data               = jsonencode({ owner = "iam" })
}
`, name)
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
		// terraform import: every attribute, the secret included, read back.
		resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true},
		// an import block: the plan must be a no-op import, so nothing changes.
		resource.TestStep{
			Config:          config,
			ResourceName:    addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
		},
	))
}

func TestAccApplication_drift(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("drift")
	var id string
	config := e.Config(`
resource "logto_application" "test" {
  name          = %q
  type          = "SPA"
  description   = "as configured"
  redirect_uris = ["https://spa.example.com/cb"]
  id_token_ttl  = 3600
}
`, name)
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:            config,
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)},
		},
		// Someone edits the app in the Console: the plan shows the update that
		// restores the configuration, the apply does it, the next plan is empty.
		resource.TestStep{
			PreConfig: func() {
				app := e.GetApplication(t, id)
				oidc := app.OIDCClientMetadata
				oidc.RedirectURIs = []string{"https://evil.example.com/cb"}
				ccm := app.CustomClientMetadata
				ccm.IDTokenTTL = nil
				e.UpdateApplicationOutOfBand(t, id, logto.ApplicationPatch{
					Description:          logto.NullableValue("changed in the Console"),
					OIDCClientMetadata:   &oidc,
					CustomClientMetadata: &ccm,
				})
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, acctest.Attr("description"), knownvalue.StringExact("as configured")),
					plancheck.ExpectKnownValue(addr, acctest.Attr("redirect_uris").AtSliceIndex(0), knownvalue.StringExact("https://spa.example.com/cb")),
					plancheck.ExpectKnownValue(addr, acctest.Attr("id_token_ttl"), knownvalue.Int64Exact(3600)),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIDUnchanged(addr, &id)},
		},
	))
}

func TestAccApplication_disappears(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("gone")
	var id string
	config := e.Config(`
resource "logto_application" "test" {
  name = %q
  type = "MachineToMachine"
}
`, name)
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:            config,
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)},
		},
		// Deleted outside Terraform: no error, the plan creates it again.
		resource.TestStep{
			PreConfig: func() { e.DeleteApplicationOutOfBand(t, id) },
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIDChanged(addr, &id), expectDefaultSecret(e)},
		},
	))
}

func TestAccApplication_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("bad")
	for _, tc := range []struct{ body, want string }{
		{`type = "Traditional"` + "\n" + `redirect_uris = ["not a uri"]`, `Invalid Redirect URI`},
		{`type = "Traditional"` + "\n" + `post_logout_redirect_uris = ["ftp//bad"]`, `Invalid Redirect URI`},
		{`type = "Desktop"`, `value must be one of`},
		{`type = "Traditional"` + "\n" + `refresh_token_ttl_in_days = 0`, `between 1 and 180`},
		{`type = "MachineToMachine"` + "\n" + `is_third_party = true`, `Invalid Third-Party Application Type`},
		{`type = "SPA"` + "\n" + `custom_data = "[1, 2]"`, `Invalid JSON Object`},
		{`type = "SPA"` + "\n" + `custom_data = jsonencode({ id = 12345678901234567890 })`, `Number Changed By Logto`},
		{`type = "SPA"` + "\n" + `cors_allowed_origins = ["https://spa.example.com/"]`,
			`(?s)Invalid Origin.*trailing\s+slash.*Use\s+"https://spa.example.com"\s+instead`},
		{`type = "SPA"` + "\n" + `cors_allowed_origins = ["https://spa.example.com/app"]`, `(?s)Invalid Origin.*has\s+a\s+path`},
		{`type = "Protected"`, `Missing Protected App Settings`},
		{`type = "Protected"` + "\n" + `redirect_uris = ["https://x.example.com/cb"]` + "\n" +
			`protected_app_metadata = { sub_domain = "x", origin = "https://x.example.com" }`, `Redirect URIs Of A Protected App`},
	} {
		resource.Test(t, testCase(e, resource.TestStep{
			Config: e.Config(`
resource "logto_application" "test" {
  name = %q
  %s
}
`, name, tc.body),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		}))
	}
	resource.Test(t, testCase(e, resource.TestStep{
		Config: e.Config(`
resource "logto_application" "test" {
  name = ""
  type = "SPA"
}
`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`string length must be between 1 and 256`),
	}))
	if apps := e.ApplicationsNamed(t, name); len(apps) != 0 {
		t.Errorf("invalid configurations created %d applications named %s", len(apps), name)
	}
	if e.Emulator != nil {
		if n := e.Emulator.Requests("POST /api/applications"); n != 0 {
			t.Errorf("invalid configurations sent %d POST /api/applications requests, want 0", n)
		}
	}
}

// setUnmanagedMetadata sets metadata this resource does not manage, as a
// Console user would, to check that updates keep it.
func setUnmanagedMetadata(t *testing.T, e *acctest.Env, id string) {
	t.Helper()
	app := e.GetApplication(t, id)
	oidc := app.OIDCClientMetadata
	if oidc.Extra == nil {
		oidc.Extra = map[string]json.RawMessage{}
	}
	oidc.Extra["backchannelLogoutUri"] = json.RawMessage(`"https://app.example.com/backchannel"`)
	ccm := app.CustomClientMetadata
	if ccm.Extra == nil {
		ccm.Extra = map[string]json.RawMessage{}
	}
	ccm.Extra["allowTokenExchange"] = json.RawMessage(`true`)
	e.UpdateApplicationOutOfBand(t, id, logto.ApplicationPatch{OIDCClientMetadata: &oidc, CustomClientMetadata: &ccm})
}

func expectUnmanagedMetadataKept(e *acctest.Env, id *string) statecheck.StateCheck {
	return stateCheckFunc(func(ctx context.Context) error {
		app, err := e.Client.GetApplication(ctx, *id)
		if err != nil {
			return err
		}
		if got := string(app.OIDCClientMetadata.Extra["backchannelLogoutUri"]); got != `"https://app.example.com/backchannel"` {
			return fmt.Errorf("oidcClientMetadata.backchannelLogoutUri = %s after update, want it kept", got)
		}
		if got := string(app.CustomClientMetadata.Extra["allowTokenExchange"]); got != "true" {
			return fmt.Errorf("customClientMetadata.allowTokenExchange = %s after update, want it kept", got)
		}
		return nil
	})
}
