package signinexperience_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

func TestAccSignInExperience_singleSignOnToggle(t *testing.T) {
	e := newEnv(t)
	resource.Test(t, testCase(
		resource.TestStep{
			Config: config(e, `single_sign_on_enabled = true`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					plancheck.ExpectKnownValue(addr, acctest.Attr("single_sign_on_enabled"), knownvalue.Bool(true)),
					// Nothing else is planned: not managed, not "known after apply".
					plancheck.ExpectKnownValue(addr, acctest.Attr("sign_in_mode"), knownvalue.Null()),
					plancheck.ExpectKnownValue(addr, acctest.Attr("color"), knownvalue.Null()),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("id"), knownvalue.StringExact("default")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("single_sign_on_enabled"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("reset_on_destroy"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("custom_css"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, acctest.Attr("mfa"), knownvalue.Null()),
			},
			Check: onServer(e, func(s *logto.SignInExperience) error {
				return want("singleSignOnEnabled", s.SingleSignOnEnabled, true)
			}),
		},
		resource.TestStep{
			Config: config(e, `single_sign_on_enabled = false`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("single_sign_on_enabled"), knownvalue.Bool(false)),
			},
			Check: onServer(e, func(s *logto.SignInExperience) error {
				return want("singleSignOnEnabled", s.SingleSignOnEnabled, false)
			}),
		},
		resource.TestStep{
			Config:           config(e, `single_sign_on_enabled = true`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			Check: onServer(e, func(s *logto.SignInExperience) error {
				return want("singleSignOnEnabled", s.SingleSignOnEnabled, true)
			}),
		},
	))
}

const managedFew = `
single_sign_on_enabled = true
sign_in_mode           = "SignIn"
color = {
  primary_color = "#112233"
}
branding = {
  logo_url = "https://example.com/logo.svg"
}
`

// Changes made in the Console to what the configuration does not name never
// show in the plan; a change to what it names does, and is undone.
func TestAccSignInExperience_unmanagedLeftAlone(t *testing.T) {
	e := newEnv(t)
	consoleChanges := func(s *logto.SignInExperience) {
		css, favicon := ".console{color:red}", "https://console.example.com/favicon.ico"
		s.CustomCSS = &css                   // unmanaged attribute
		s.AgreeToTermsPolicy = "Manual"      // unmanaged attribute
		s.Color.DarkPrimaryColor = "#abcdef" // unmanaged attribute of a managed group
		s.Color.IsDarkModeEnabled = true
		s.Branding.Favicon = &favicon
		s.Mfa.Factors = []string{"Totp"} // unmanaged group
	}
	checkConsoleValuesKept := func(s *logto.SignInExperience) error {
		return firstError(
			want("customCss", str(s.CustomCSS), ".console{color:red}"),
			want("agreeToTermsPolicy", s.AgreeToTermsPolicy, "Manual"),
			want("color.darkPrimaryColor", s.Color.DarkPrimaryColor, "#abcdef"),
			want("color.isDarkModeEnabled", s.Color.IsDarkModeEnabled, true),
			want("branding.favicon", str(s.Branding.Favicon), "https://console.example.com/favicon.ico"),
			want("mfa.factors", s.Mfa.Factors, []string{"Totp"}),
		)
	}
	resource.Test(t, testCase(
		resource.TestStep{
			Config:           config(e, managedFew),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("color"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"primary_color":        knownvalue.StringExact("#112233"),
					"is_dark_mode_enabled": knownvalue.Null(),
					"dark_primary_color":   knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(addr, acctest.Attr("custom_css"), knownvalue.Null()),
			},
		},
		// Unmanaged values changed in the Console: no diff, and they stay.
		resource.TestStep{
			PreConfig: func() {
				e.ChangeSignInExperienceOutOfBand(t, consoleChanges, "customCss", "agreeToTermsPolicy", "color", "branding", "mfa")
			},
			Config: config(e, managedFew),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: onServer(e, checkConsoleValuesKept),
		},
		// A managed value changed in the Console: the plan puts it back,
		// and only it; the Console's other values stay.
		resource.TestStep{
			PreConfig: func() {
				e.ChangeSignInExperienceOutOfBand(t, func(s *logto.SignInExperience) {
					s.SignInMode = "Register"
					s.Color.PrimaryColor = "#000000"
				}, "signInMode", "color")
			},
			Config: config(e, managedFew),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, acctest.Attr("sign_in_mode"), knownvalue.StringExact("SignIn")),
					plancheck.ExpectKnownValue(addr, acctest.Attr("color", "primary_color"), knownvalue.StringExact("#112233")),
					plancheck.ExpectKnownValue(addr, acctest.Attr("color", "dark_primary_color"), knownvalue.Null()),
					plancheck.ExpectKnownValue(addr, acctest.Attr("custom_css"), knownvalue.Null()),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: onServer(e, func(s *logto.SignInExperience) error {
				return firstError(
					want("signInMode", s.SignInMode, "SignIn"),
					want("color.primaryColor", s.Color.PrimaryColor, "#112233"),
					checkConsoleValuesKept(s),
				)
			}),
		},
	))
}

// A group partly managed keeps the fields of that group the configuration
// does not name, modelled or not, as the Console set them.
func TestAccSignInExperience_groupKeepsConsoleFields(t *testing.T) {
	e := newEnv(t)
	e.ChangeSignInExperienceOutOfBand(t, func(s *logto.SignInExperience) {
		logo, favicon, darkFavicon := "https://console.example.com/logo.svg", "https://console.example.com/f.ico", "https://console.example.com/df.ico"
		s.Branding = logto.SignInExpBranding{LogoURL: &logo, Favicon: &favicon, DarkFavicon: &darkFavicon}
		s.Mfa.Factors = []string{"Totp"}
		s.Mfa.Policy = "PromptAtSignInAndSignUp"
		s.Mfa.Extra = map[string]json.RawMessage{"organizationRequiredMfaPolicy": json.RawMessage(`"Mandatory"`)}
		lo, hi := int64(10), int64(64)
		s.PasswordPolicy.Length = &logto.SignInExpPasswordLength{Min: &lo, Max: &hi}
	}, "branding", "mfa", "passwordPolicy")
	resource.Test(t, testCase(resource.TestStep{
		Config: config(e, `
mfa = {
  factors = ["Totp", "WebAuthn"]
}
branding = {
  logo_url = "https://example.com/new-logo.svg"
}
password_policy = {
  min_character_types = 3
}
sign_up = {
  verify = true
}
`),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		Check: onServer(e, func(s *logto.SignInExperience) error {
			factors := slices.Clone(s.Mfa.Factors)
			slices.Sort(factors)
			return firstError(
				want("mfa.factors", factors, []string{"Totp", "WebAuthn"}),
				want("mfa.policy", s.Mfa.Policy, "PromptAtSignInAndSignUp"),
				want("mfa.organizationRequiredMfaPolicy", string(s.Mfa.Extra["organizationRequiredMfaPolicy"]), `"Mandatory"`),
				want("branding.logoUrl", str(s.Branding.LogoURL), "https://example.com/new-logo.svg"),
				want("branding.favicon", str(s.Branding.Favicon), "https://console.example.com/f.ico"),
				want("branding.darkFavicon", str(s.Branding.DarkFavicon), "https://console.example.com/df.ico"),
				want("passwordPolicy.length", s.PasswordPolicy.Length != nil && *s.PasswordPolicy.Length.Min == 10 && *s.PasswordPolicy.Length.Max == 64, true),
				want("passwordPolicy.characterTypes.min", *s.PasswordPolicy.CharacterTypes.Min, 3),
				want("signUp.verify", s.SignUp.Verify, true),
				want("signUp.identifiers", s.SignUp.Identifiers, []string{"username"}),
				want("signUp.password", s.SignUp.Password, true),
			)
		}),
	}))
}

// Attributes added, changed, set to "" and removed from the configuration.
func TestAccSignInExperience_update(t *testing.T) {
	e := newEnv(t)
	resource.Test(t, testCase(
		resource.TestStep{
			Config: config(e, `
sign_in_mode = "SignIn"
custom_css   = ".a{}"
color = {
  primary_color      = "#111111"
  dark_primary_color = "#222222"
}
`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		},
		resource.TestStep{
			Config: config(e, `
sign_in_mode          = "SignInAndRegister"
agree_to_terms_policy = "ManualRegistrationOnly"
terms_of_use_url      = "https://example.com/terms"
privacy_policy_url    = ""
support_email         = "help@example.com"
support_website_url   = "https://example.com/help"
unknown_session_redirect_url = "https://example.com/sign-in"
custom_css            = ".a{}"
color = {
  primary_color        = "#333333"
  dark_primary_color   = "#222222"
  is_dark_mode_enabled = true
}
language_info = {
  auto_detect       = false
  fallback_language = "fr"
}
sign_up = {
  identifiers = ["username"]
  password    = true
  verify      = false
}
sign_in = {
  methods = [
    { identifier = "username", password = true, verification_code = false },
  ]
}
mfa = {
  factors = ["Totp", "BackupCode"]
  policy  = "PromptAtSignInAndSignUp"
}
password_policy = {
  min_length          = 12
  max_length          = 128
  min_character_types = 2
  reject_pwned        = false
  reject_user_info    = false
  rejected_words      = ["acme"]
}
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("privacy_policy_url"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("password_policy", "reject_repetition_and_sequence"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, acctest.Attr("sign_in", "methods"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"identifier": knownvalue.StringExact("username"), "password": knownvalue.Bool(true),
						"verification_code": knownvalue.Bool(false), "is_password_primary": knownvalue.Bool(true),
					}),
				})),
			},
			Check: onServer(e, func(s *logto.SignInExperience) error {
				r := s.PasswordPolicy.Rejects
				return firstError(
					want("signInMode", s.SignInMode, "SignInAndRegister"),
					want("agreeToTermsPolicy", s.AgreeToTermsPolicy, "ManualRegistrationOnly"),
					want("termsOfUseUrl", str(s.TermsOfUseURL), "https://example.com/terms"),
					want("privacyPolicyUrl", str(s.PrivacyPolicyURL), "<nil>"),
					want("supportEmail", str(s.SupportEmail), "help@example.com"),
					want("unknownSessionRedirectUrl", str(s.UnknownSessionRedirectURL), "https://example.com/sign-in"),
					want("color", s.Color.PrimaryColor+s.Color.DarkPrimaryColor, "#333333#222222"),
					want("languageInfo", s.LanguageInfo.FallbackLanguage, "fr"),
					want("mfa.policy", s.Mfa.Policy, "PromptAtSignInAndSignUp"),
					want("passwordPolicy.length", *s.PasswordPolicy.Length.Min*1000+*s.PasswordPolicy.Length.Max, 12128),
					want("passwordPolicy.rejects", *r.Pwned || *r.UserInfo || !*r.RepetitionAndSequence, false),
					want("passwordPolicy.rejects.words", *r.Words, []string{"acme"}),
				)
			}),
		},
		// Removed from the configuration: no longer managed; the plan shows
		// them going to null, and Logto keeps its values.
		resource.TestStep{
			Config: config(e, `
sign_in_mode = "SignInAndRegister"
color = {
  primary_color = "#333333"
}
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, acctest.Attr("custom_css"), knownvalue.Null()),
					plancheck.ExpectKnownValue(addr, acctest.Attr("mfa"), knownvalue.Null()),
					plancheck.ExpectKnownValue(addr, acctest.Attr("color", "dark_primary_color"), knownvalue.Null()),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: onServer(e, func(s *logto.SignInExperience) error {
				return firstError(
					want("customCss", str(s.CustomCSS), ".a{}"),
					want("color.darkPrimaryColor", s.Color.DarkPrimaryColor, "#222222"),
					want("mfa.policy", s.Mfa.Policy, "PromptAtSignInAndSignUp"),
					want("languageInfo", s.LanguageInfo.FallbackLanguage, "fr"),
				)
			}),
		},
		// ... and no longer watched.
		resource.TestStep{
			PreConfig: func() {
				e.ChangeSignInExperienceOutOfBand(t, func(s *logto.SignInExperience) {
					css := ".b{}"
					s.CustomCSS = &css
					s.Color.DarkPrimaryColor = "#444444"
				}, "customCss", "color")
			},
			Config: config(e, `
sign_in_mode = "SignInAndRegister"
color = {
  primary_color = "#333333"
}
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}

// "" manages "not set": a link set in the Console shows as a change.
func TestAccSignInExperience_emptyStringMeansNotSet(t *testing.T) {
	e := newEnv(t)
	cfg := config(e, `
terms_of_use_url = ""
branding = {
  favicon = ""
}
`)
	resource.Test(t, testCase(
		resource.TestStep{
			Config:           cfg,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			Check: onServer(e, func(s *logto.SignInExperience) error {
				return firstError(want("termsOfUseUrl", str(s.TermsOfUseURL), "<nil>"), want("favicon", str(s.Branding.Favicon), "<nil>"))
			}),
		},
		resource.TestStep{
			PreConfig: func() {
				e.ChangeSignInExperienceOutOfBand(t, func(s *logto.SignInExperience) {
					terms, favicon := "https://console.example.com/terms", "https://console.example.com/f.ico"
					s.TermsOfUseURL, s.Branding.Favicon = &terms, &favicon
				}, "termsOfUseUrl", "branding")
			},
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, acctest.Attr("terms_of_use_url"), knownvalue.StringExact("")),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: onServer(e, func(s *logto.SignInExperience) error {
				return firstError(want("termsOfUseUrl", str(s.TermsOfUseURL), "<nil>"), want("favicon", str(s.Branding.Favicon), "<nil>"))
			}),
		},
	))
}

func TestAccSignInExperience_import(t *testing.T) {
	e := newEnv(t)
	cfg := config(e, managedFew+`
mfa = {
  factors = ["Totp", "WebAuthn"]
  policy  = "UserControlled"
}
password_policy = {
  min_length = 10
}
`)
	resource.Test(t, testCase(
		resource.TestStep{Config: cfg, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
		// Any id imports the singleton. An import reads every attribute;
		// those the configuration does not manage are null in the applied
		// state.
		resource.TestStep{
			ResourceName:      addr,
			ImportState:       true,
			ImportStateId:     "anything",
			ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{
				"social_sign_in_connector_targets", "hide_logto_branding", "terms_of_use_url", "privacy_policy_url",
				"agree_to_terms_policy", "support_email", "support_website_url", "unknown_session_redirect_url",
				"custom_css", "sign_up", "sign_in", "language_info",
				"color.is_dark_mode_enabled", "color.dark_primary_color",
				"branding.dark_logo_url", "branding.favicon", "branding.dark_favicon",
				"password_policy.max_length", "password_policy.min_character_types", "password_policy.reject_",
				"password_policy.rejected_words",
			},
		},
		// An import block plans nothing with the configuration.
		resource.TestStep{
			Config:          cfg,
			ResourceName:    addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			ImportStateId:   "default",
		},
	))
}

// Destroy forgets: Logto keeps what the configuration set, no request
// changes it.
func TestAccSignInExperience_destroyForgets(t *testing.T) {
	e := newEnv(t)
	var before *logto.SignInExperience
	patches := 0
	tc := testCase(resource.TestStep{
		Config:           config(e, managedFew),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		Check: func(*terraform.State) error {
			before = e.SignInExperience(t)
			patches = e.Requests(routePatch)
			return nil
		},
	})
	tc.CheckDestroy = e.CheckSignInExperienceIs(&before)
	resource.Test(t, tc)
	if before == nil || !before.SingleSignOnEnabled || before.SignInMode != "SignIn" {
		t.Fatalf("the configured values were not applied: %+v", before)
	}
	// Positive control: the apply was counted.
	if e.Emulator != nil && (patches == 0 || e.Requests(routePatch) != patches) {
		t.Errorf("PATCH /api/sign-in-exp: %d at apply, %d after destroy; want some at apply and none at destroy", patches, e.Requests(routePatch))
	}
}

// reset_on_destroy restores Logto's defaults for the managed attributes, and
// only for them.
func TestAccSignInExperience_resetOnDestroy(t *testing.T) {
	e := newEnv(t)
	e.ChangeSignInExperienceOutOfBand(t, func(s *logto.SignInExperience) {
		css, favicon := ".console{}", "https://console.example.com/f.ico"
		s.CustomCSS, s.Branding.Favicon = &css, &favicon
	}, "customCss", "branding")
	tc := testCase(resource.TestStep{
		Config: config(e, `
reset_on_destroy       = true
single_sign_on_enabled = true
sign_in_mode           = "SignIn"
terms_of_use_url       = "https://example.com/terms"
color = {
  primary_color        = "#123456"
  is_dark_mode_enabled = true
}
branding = {
  logo_url = "https://example.com/logo.svg"
}
mfa = {
  factors = ["Totp"]
  policy  = "Mandatory"
}
password_policy = {
  min_length = 12
}
`),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
	})
	tc.CheckDestroy = onServer(e, func(s *logto.SignInExperience) error {
		return firstError(
			// Managed: Logto's defaults.
			want("singleSignOnEnabled", s.SingleSignOnEnabled, false),
			want("signInMode", s.SignInMode, "SignInAndRegister"),
			want("termsOfUseUrl", str(s.TermsOfUseURL), "<nil>"),
			want("color.primaryColor", s.Color.PrimaryColor, "#6139F6"),
			want("color.isDarkModeEnabled", s.Color.IsDarkModeEnabled, false),
			want("branding.logoUrl", str(s.Branding.LogoURL), "https://logto.io/logo.svg"),
			want("mfa", s.Mfa.Policy+" "+list(s.Mfa.Factors), "UserControlled []"),
			want("passwordPolicy.length.min", s.PasswordPolicy.Length != nil && *s.PasswordPolicy.Length.Min == logto.DefaultPasswordMinLength, true),
			// Not managed: as the Console left them.
			want("customCss", str(s.CustomCSS), ".console{}"),
			want("branding.favicon", str(s.Branding.Favicon), "https://console.example.com/f.ico"),
		)
	})
	resource.Test(t, tc)
}

// Logto keeps only the targets of its social connectors: the apply fails and
// says so instead of Terraform reporting an inconsistent result.
func TestAccSignInExperience_unknownSocialTarget(t *testing.T) {
	e := newEnv(t)
	resource.Test(t, testCase(resource.TestStep{
		Config:      config(e, `social_sign_in_connector_targets = ["tfacc-no-such-target"]`),
		ExpectError: regexp.MustCompile(`(?s)Logto Did Not Apply social_sign_in_connector_targets.*social connectors`),
	}))
}

func list(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}

// After `terraform import`, every attribute is read; the first apply records
// what the configuration manages, and from then on the others are left
// alone.
func TestAccSignInExperience_importThenApply(t *testing.T) {
	e := newEnv(t)
	e.ChangeSignInExperienceOutOfBand(t, func(s *logto.SignInExperience) {
		css := ".before-import{}"
		s.CustomCSS = &css
		s.SignInMode = "Register"
	}, "customCss", "signInMode")
	cfg := config(e, `
sign_in_mode = "SignIn"
color = {
  primary_color = "#101010"
}
`)
	resource.Test(t, testCase(
		resource.TestStep{
			Config:             cfg,
			ResourceName:       addr,
			ImportState:        true,
			ImportStateId:      "default",
			ImportStatePersist: true,
			ImportStateCheck: func(states []*terraform.InstanceState) error {
				if len(states) != 1 {
					return fmt.Errorf("imported %d instances, want 1", len(states))
				}
				a := states[0].Attributes
				return firstError(
					want("custom_css", a["custom_css"], ".before-import{}"),
					want("sign_in_mode", a["sign_in_mode"], "Register"),
					want("reset_on_destroy", a["reset_on_destroy"], "false"),
				)
			},
		},
		resource.TestStep{
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					// Read at import, not managed: planned as it is.
					plancheck.ExpectKnownValue(addr, acctest.Attr("custom_css"), knownvalue.StringExact(".before-import{}")),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: onServer(e, func(s *logto.SignInExperience) error {
				return firstError(want("signInMode", s.SignInMode, "SignIn"), want("color.primaryColor", s.Color.PrimaryColor, "#101010"))
			}),
		},
		resource.TestStep{
			PreConfig: func() {
				e.ChangeSignInExperienceOutOfBand(t, func(s *logto.SignInExperience) {
					css := ".after-apply{}"
					s.CustomCSS = &css
					s.Color.DarkPrimaryColor = "#202020"
				}, "customCss", "color")
			},
			Config:           cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}
