package signinexperience_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

// What Logto would refuse is refused at plan time, without a request.
func TestAccSignInExperience_badInput(t *testing.T) {
	e := newEnv(t)
	gets := e.Requests(routeGet) // the read KeepSignInExperience made
	for _, tc := range []struct{ body, want string }{
		{`sign_in_mode = "Both"`, `(?s)sign_in_mode.*value must be one of`},
		{`agree_to_terms_policy = "Always"`, `value must be one of`},
		{`color = { primary_color = "#12345" }`, `must be a hex color`},
		{`color = { dark_primary_color = "blue" }`, `must be a hex color`},
		{`branding = { logo_url = "not a url" }`, `is not an absolute URL`},
		{`terms_of_use_url = "example.com/terms"`, `is not an absolute URL`},
		{`support_email = "not-an-email"`, `is not an email address`},
		{`language_info = { fallback_language = "english" }`, `must be a language tag`},
		{`mfa = { factors = ["Sms"] }`, `value must be one of`},
		{`mfa = { policy = "Always" }`, `value must be one of`},
		{`mfa = { factors = ["BackupCode"] }`, `Backup Codes Alone`},
		{`sign_up = { identifiers = ["nickname"] }`, `value must be one of`},
		{`sign_up = { identifiers = ["username", "username"] }`, `(?i)duplicate`},
		{`sign_up = { identifiers = ["email"], verify = false }`, `Sign-Up Without Verification`},
		{`sign_in = { methods = [{ identifier = "username", password = false, verification_code = false }] }`,
			`Sign-In Method Without A Way To Authenticate`},
		{`sign_in = { methods = [{ identifier = "email", password = true, verification_code = true }] }
mfa = { factors = ["EmailVerificationCode"] }`, `Verification Code Both For Sign-In And MFA`},
		{`sign_up = { password = false, verify = true }
sign_in = { methods = [{ identifier = "email", password = true, verification_code = false }] }`,
			`Verification Code Sign-In Required`},
		{`password_policy = { min_character_types = 5 }`, `between 1 and 4`},
		{`password_policy = { min_length = 0 }`, `at least 1`},
		{`social_sign_in_connector_targets = ["github", "github"]`, `(?i)duplicate`},
	} {
		resource.Test(t, testCase(resource.TestStep{
			Config:      config(e, tc.body),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		}))
	}
	if n := e.Requests(routeGet) - gets; n > 0 {
		t.Errorf("invalid configurations sent %d %s requests, want 0", n, routeGet)
	}
	if n := e.Requests(routePatch); n > 0 {
		t.Errorf("invalid configurations sent %d %s requests, want 0", n, routePatch)
	}
	// Positive control: the same rules pass a valid configuration, whose
	// requests are counted.
	resource.Test(t, testCase(resource.TestStep{
		Config: config(e, `
sign_in = { methods = [{ identifier = "username", password = true, verification_code = false }] }
mfa = { factors = ["Totp", "BackupCode"] }
sign_up = { identifiers = ["username"], password = true, verify = false }
password_policy = { min_length = 300, max_length = 256 }
`),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
	}))
	if e.Emulator != nil && (e.Requests(routeGet) == gets || e.Requests(routePatch) == 0) {
		t.Errorf("a valid configuration sent %d GET and %d PATCH: the counters do not count", e.Requests(routeGet)-gets, e.Requests(routePatch))
	}
}
