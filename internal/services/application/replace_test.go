package application_test

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// replaced asserts that the plan replaces the application (destroy, then
// create) and that the plan after apply and refresh is empty.
var replaced = resource.ConfigPlanChecks{
	PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
	PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
}

// expectThirdPartyInLogto asserts Logto's isThirdParty of the application in
// the state.
func expectThirdPartyInLogto(e *acctest.Env, want bool) statecheck.StateCheck {
	return acctest.StateCheck(addr, func(v map[string]any) error {
		id, _ := v["id"].(string)
		app, err := e.Client.GetApplication(context.Background(), id)
		if err != nil {
			return err
		}
		if app.IsThirdParty != want {
			return errorf("application %s isThirdParty = %v in Logto, want %v", id, app.IsThirdParty, want)
		}
		return nil
	})
}

// TestAccApplication_replace: changing type or is_third_party, or removing
// is_third_party = true (its default is false), replaces the application.
func TestAccApplication_replace(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("replace")
	var id string
	config := func(appType, thirdParty string) string {
		return e.Config(`
resource "logto_application" "test" {
  name = %q
  type = %q
  %s
}
`, name, appType, thirdParty)
	}
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           config("SPA", ""),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("is_third_party"), knownvalue.Bool(false)),
				acctest.CaptureID(addr, &id),
			},
		},
		resource.TestStep{
			Config:           config("Traditional", ""),
			ConfigPlanChecks: replaced,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("type"), knownvalue.StringExact("Traditional")),
				acctest.ExpectIDChanged(addr, &id),
				expectDefaultSecret(e),
			},
		},
		resource.TestStep{
			Config:           config("Traditional", "is_third_party = true"),
			ConfigPlanChecks: replaced,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("is_third_party"), knownvalue.Bool(true)),
				expectThirdPartyInLogto(e, true),
				acctest.ExpectIDChanged(addr, &id),
			},
		},
		// The documented default applies: removing the attribute goes back
		// to a first-party application, which Logto can only do by replacing.
		resource.TestStep{
			Config: config("Traditional", ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectKnownValue(addr, acctest.Attr("is_third_party"), knownvalue.Bool(false)),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("is_third_party"), knownvalue.Bool(false)),
				expectThirdPartyInLogto(e, false),
				acctest.ExpectIDChanged(addr, &id),
			},
		},
		// Written out, the default plans nothing.
		resource.TestStep{
			Config:           config("Traditional", "is_third_party = false"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.ExpectIDUnchanged(addr, &id),
			},
		},
	))
}

// TestAccApplication_replaceSubDomain: a new protected_app_metadata.sub_domain
// replaces the Protected application, and its host follows.
func TestAccApplication_replaceSubDomain(t *testing.T) {
	t.Parallel()
	acctest.SkipProtectedAppsOnRealLogto(t)
	e := acctest.New(t)
	name := acctest.RandomName("subdomain")
	sub := "tfacc" + acctest.RandomName("")[7:]
	var id string
	config := func(sub string) string {
		return e.Config(`
resource "logto_application" "test" {
  name = %q
  type = "Protected"
  protected_app_metadata = {
    sub_domain = %q
    origin     = "https://internal.example.com"
  }
}
`, name, sub)
	}
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:            config(sub),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)},
		},
		resource.TestStep{
			Config:           config(sub + "-2"),
			ConfigPlanChecks: replaced,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("protected_app_metadata").AtMapKey("sub_domain"), knownvalue.StringExact(sub+"-2")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("protected_app_metadata").AtMapKey("host"),
					knownvalue.StringRegexp(regexp.MustCompile("^"+regexp.QuoteMeta(sub+"-2")+`\.`))),
				acctest.ExpectIDChanged(addr, &id),
			},
		},
	))
}

// unmanagedSettings are values set in the Console for attributes that the
// configuration of TestAccApplication_omittedIsUnmanaged leaves out.
var unmanagedSettings = struct {
	redirects, postLogout, origins []string
	customData                     string
}{
	redirects:  []string{"https://console.example.com/cb", "https://console.example.com/cb2"},
	postLogout: []string{"https://console.example.com/"},
	origins:    []string{"https://console.example.com"},
	customData: `{"setInConsole":{"by":"ops"},"n":1}`,
}

// expectSettingsInLogto compares the application's lists and custom data in
// Logto with the given values.
func expectSettingsInLogto(e *acctest.Env, id *string, redirects, postLogout, origins []string, customData string) statecheck.StateCheck {
	return stateCheckFunc(func(ctx context.Context) error {
		app, err := e.Client.GetApplication(ctx, *id)
		if err != nil {
			return err
		}
		gotOrigins := slices.Sorted(slices.Values(app.CustomClientMetadata.CorsAllowedOrigins))
		if !slices.Equal(app.OIDCClientMetadata.RedirectURIs, redirects) ||
			!slices.Equal(app.OIDCClientMetadata.PostLogoutRedirectURIs, postLogout) ||
			!slices.Equal(gotOrigins, origins) {
			return errorf("Logto has redirect URIs %v, post-logout %v, CORS origins %v; want %v, %v, %v",
				app.OIDCClientMetadata.RedirectURIs, app.OIDCClientMetadata.PostLogoutRedirectURIs, gotOrigins,
				redirects, postLogout, origins)
		}
		got, err := framework.CanonicalizeJSON(app.CustomData)
		want, _ := framework.CanonicalizeJSON([]byte(customData))
		if err != nil || got != want {
			return errorf("Logto has customData %s, want %s", app.CustomData, customData)
		}
		return nil
	})
}

// TestAccApplication_omittedIsUnmanaged: lists and custom data left out of
// the configuration are not managed — values set in the Console stay, with
// an empty plan — while [] and jsonencode({}) clear them in Logto.
func TestAccApplication_omittedIsUnmanaged(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("unmanaged")
	var id string
	omitted := e.Config(`
resource "logto_application" "test" {
  name = %q
  type = "Traditional"
}
`, name)
	u := unmanagedSettings
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           omitted,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID(addr, &id),
				expectSettingsInLogto(e, &id, []string{}, []string{}, []string{}, `{}`),
			},
		},
		resource.TestStep{
			PreConfig: func() {
				app := e.GetApplication(t, id)
				oidc := app.OIDCClientMetadata
				oidc.RedirectURIs, oidc.PostLogoutRedirectURIs = u.redirects, u.postLogout
				ccm := app.CustomClientMetadata
				ccm.CorsAllowedOrigins = u.origins
				e.UpdateApplicationOutOfBand(t, id, logto.ApplicationPatch{
					OIDCClientMetadata:   &oidc,
					CustomClientMetadata: &ccm,
					CustomData:           json.RawMessage(u.customData),
				})
			},
			Config: omitted,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				expectSettingsInLogto(e, &id, u.redirects, u.postLogout, u.origins, u.customData),
				// The state follows Logto.
				statecheck.ExpectKnownValue(addr, acctest.Attr("redirect_uris"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(u.redirects[0]), knownvalue.StringExact(u.redirects[1]),
				})),
				statecheck.ExpectKnownValue(addr, acctest.Attr("cors_allowed_origins"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact(u.origins[0]),
				})),
				statecheck.ExpectKnownValue(addr, acctest.Attr("custom_data"), knownvalue.StringExact(`{"n":1,"setInConsole":{"by":"ops"}}`)),
				acctest.ExpectIDUnchanged(addr, &id),
			},
		},
		resource.TestStep{
			Config: e.Config(`
resource "logto_application" "test" {
  name                      = %q
  type                      = "Traditional"
  redirect_uris             = []
  post_logout_redirect_uris = []
  cors_allowed_origins      = []
  custom_data               = jsonencode({})
}
`, name),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				expectSettingsInLogto(e, &id, []string{}, []string{}, []string{}, `{}`),
				statecheck.ExpectKnownValue(addr, acctest.Attr("redirect_uris"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("custom_data"), knownvalue.StringExact(`{}`)),
				acctest.ExpectIDUnchanged(addr, &id),
			},
		},
	))
}
