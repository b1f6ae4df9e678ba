package signinexperience_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const addr = "logto_sign_in_experience.test"

// newEnv is the Logto one test runs against, its sign-in experience restored
// when the test ends. The sign-in experience is a singleton: against a real
// Logto the tests run one at a time; each emulator has its own, so there
// they run in parallel.
func newEnv(t *testing.T) *acctest.Env {
	t.Helper()
	if !acctest.RealLogto() {
		t.Parallel()
	}
	e := acctest.New(t)
	e.KeepSignInExperience(t)
	return e
}

// config is the provider block and a logto_sign_in_experience with body.
func config(e *acctest.Env, body string) string {
	return e.ProviderBlock() + `
resource "logto_sign_in_experience" "test" {
` + body + `
}
`
}

func testCase(steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(), Steps: steps}
}

// onServer checks the sign-in experience Logto holds.
func onServer(e *acctest.Env, check func(s *logto.SignInExperience) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		s, err := e.Client.GetSignInExperience(context.Background())
		if err != nil {
			return err
		}
		return check(s)
	}
}

const (
	routeGet   = "GET /api/sign-in-exp"
	routePatch = "PATCH /api/sign-in-exp"
)

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func want(what string, got, expected any) error {
	if fmt.Sprint(got) != fmt.Sprint(expected) {
		return fmt.Errorf("%s = %v, want %v", what, got, expected)
	}
	return nil
}

// firstError returns the first non-nil error.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
