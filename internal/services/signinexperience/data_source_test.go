package signinexperience_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// The data source reads everything, whether a resource manages it or not;
// what is not set is null.
func TestAccSignInExperienceDataSource_basic(t *testing.T) {
	e := newEnv(t)
	e.ChangeSignInExperienceOutOfBand(t, func(s *logto.SignInExperience) {
		css, terms, favicon := ".console{}", "https://example.com/terms", "https://example.com/f.ico"
		s.CustomCSS, s.TermsOfUseURL, s.PrivacyPolicyURL = &css, &terms, nil
		s.Branding = logto.SignInExpBranding{Favicon: &favicon}
		s.Color = logto.SignInExpColor{PrimaryColor: "#abc", IsDarkModeEnabled: true, DarkPrimaryColor: "#def"}
		s.Mfa.Factors, s.Mfa.Policy = []string{"Totp", "WebAuthn"}, "Mandatory"
		s.SignIn.Methods = []logto.SignInExpSignInMethod{{Identifier: "username", Password: true, IsPasswordPrimary: true}}
		s.SingleSignOnEnabled = true
		s.PasswordPolicy = logto.SignInExpPasswordPolicy{}
	}, "passwordPolicy", "customCss", "termsOfUseUrl", "privacyPolicyUrl", "branding", "color", "mfa", "signIn", "singleSignOnEnabled")
	const data = "data.logto_sign_in_experience.all"
	resource.Test(t, testCase(resource.TestStep{
		Config: e.ProviderBlock() + `data "logto_sign_in_experience" "all" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(data, acctest.Attr("id"), knownvalue.StringExact("default")),
			statecheck.ExpectKnownValue(data, acctest.Attr("single_sign_on_enabled"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue(data, acctest.Attr("custom_css"), knownvalue.StringExact(".console{}")),
			statecheck.ExpectKnownValue(data, acctest.Attr("terms_of_use_url"), knownvalue.StringExact("https://example.com/terms")),
			statecheck.ExpectKnownValue(data, acctest.Attr("privacy_policy_url"), knownvalue.Null()),
			statecheck.ExpectKnownValue(data, acctest.Attr("branding"), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"logo_url": knownvalue.Null(), "dark_logo_url": knownvalue.Null(),
				"favicon": knownvalue.StringExact("https://example.com/f.ico"), "dark_favicon": knownvalue.Null(),
			})),
			statecheck.ExpectKnownValue(data, acctest.Attr("color"), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"primary_color": knownvalue.StringExact("#abc"), "is_dark_mode_enabled": knownvalue.Bool(true),
				"dark_primary_color": knownvalue.StringExact("#def"),
			})),
			statecheck.ExpectKnownValue(data, acctest.Attr("mfa"), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"factors": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("Totp"), knownvalue.StringExact("WebAuthn")}),
				"policy":  knownvalue.StringExact("Mandatory"),
			})),
			statecheck.ExpectKnownValue(data, acctest.Attr("sign_in", "methods"), knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"identifier": knownvalue.StringExact("username"), "password": knownvalue.Bool(true),
					"verification_code": knownvalue.Bool(false), "is_password_primary": knownvalue.Bool(true),
				}),
			})),
			// Logto's defaults show where the password policy has no value.
			statecheck.ExpectKnownValue(data, acctest.Attr("password_policy", "min_length"), knownvalue.Int64Exact(logto.DefaultPasswordMinLength)),
			statecheck.ExpectKnownValue(data, acctest.Attr("password_policy", "reject_pwned"), knownvalue.NotNull()),
		},
	}))
}
