package application_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// signInTarget is where a provider signing in as a machine-to-machine
// application of the test's Logto is pointed. Against a real Logto it is
// that Logto. The emulator accepts only its own configured client at its
// token endpoint, so there it is a proxy in front of the test's emulator
// that plays Logto's part for other clients: it accepts an application id
// and secret only when the emulator holds that secret for the application
// and the application holds the Management API role, and then asks the
// emulator for a token with the configured client's credentials. API
// requests pass through unchanged, so every provider in a test sees the
// same data (the provider server is shared by all provider configurations
// in acceptance tests, so their clients must be interchangeable).
type signInTarget struct {
	url string
	// signIns counts the token requests accepted for other clients.
	signIns atomic.Int32
}

func newSignInTarget(t *testing.T, e *acctest.Env) *signInTarget {
	st := &signInTarget{url: e.Endpoint}
	if e.Emulator == nil {
		return st
	}
	upstream, err := url.Parse(e.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(upstream)
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oidc/token" {
			id, secret, ok := r.BasicAuth()
			id, _ = url.QueryUnescape(id)
			secret, _ = url.QueryUnescape(secret)
			if ok && id != e.ClientID {
				if !appMaySignIn(e, id, secret) {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusUnauthorized)
					_, _ = w.Write([]byte(`{"error":"invalid_client","error_description":"client authentication failed"}`))
					return
				}
				st.signIns.Add(1)
				r.SetBasicAuth(url.QueryEscape(e.ClientID), url.QueryEscape(e.ClientSecret))
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	st.url = hs.URL
	return st
}

// appMaySignIn reports whether the emulator holds secret for application id
// and the application holds the Management API role.
func appMaySignIn(e *acctest.Env, id, secret string) bool {
	ctx := context.Background()
	secrets, err := e.Client.ListApplicationSecrets(ctx, id)
	if err != nil || !slices.ContainsFunc(secrets, func(s logto.ApplicationSecret) bool { return s.Value == secret }) {
		return false
	}
	roles, err := e.Client.ListApplicationRoles(ctx, id)
	return err == nil && slices.ContainsFunc(roles, func(r logto.Role) bool { return r.Name == managementRoleName })
}

// expectSignIns asserts, on the emulator, that the proxy accepted the
// application's credentials.
func (st *signInTarget) expectSignIns(e *acctest.Env) statecheck.StateCheck {
	return stateCheckFunc(func(context.Context) error {
		if e.Emulator != nil && st.signIns.Load() == 0 {
			return errorf("no provider signed in with the application's credentials")
		}
		return nil
	})
}

// secretValue returns the value of an application's secret, failing the
// test when it has none of that name.
func secretValue(t *testing.T, e *acctest.Env, appID, name string) string {
	t.Helper()
	secrets, err := e.Client.ListApplicationSecrets(context.Background(), appID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if s.Name == name {
			return s.Value
		}
	}
	t.Fatalf("application %s has no secret %q", appID, name)
	return ""
}

// The bootstrap story: an M2M application that stores no secret in the
// state is given the Management API role, and a second provider signs in
// with its secret, read by the ephemeral resource.
func TestAccApplicationSecretEphemeral_bootstrap(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := acctest.RandomName("bootstrap")
	target := newSignInTarget(t, e)
	base := e.Config(`
resource "logto_application" "m2m" {
  name         = "%[1]s"
  type         = "MachineToMachine"
  store_secret = false
}

data "logto_role" "management" {
  name = "Logto Management API access"
}

resource "logto_application_role" "m2m_management" {
  application_id = logto_application.m2m.id
  role_id        = data.logto_role.management.id
}
`, prefix)
	signIn := base + `
ephemeral "logto_application_secret" "m2m" {
  application_id = logto_application.m2m.id
}

provider "logto" {
  alias         = "m2m"
  endpoint      = "` + target.url + `"
  resource      = "` + e.Resource + `"
  client_id     = logto_application.m2m.id
  client_secret = ephemeral.logto_application_secret.m2m.value
}

# Read with the application's own credentials.
data "logto_api_resource" "management" {
  provider   = logto.m2m
  indicator  = "` + e.Resource + `"
  depends_on = [logto_application_role.m2m_management]
}
`
	var appID, secret string
	resource.Test(t, rolesTestCase(e,
		resource.TestStep{
			Config:            base,
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID("logto_application.m2m", &appID)},
		},
		// Positive control of the sign-in: a wrong secret is refused.
		resource.TestStep{
			Config:      strings.Replace(signIn, "ephemeral.logto_application_secret.m2m.value", `"not-the-secret"`, 1),
			ExpectError: regexp.MustCompile(`invalid_client`),
		},
		resource.TestStep{
			PreConfig: func() {
				secret = secretValue(t, e, appID, logto.DefaultSecretName)
			},
			Config: signIn,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{acctest.AbsentFromPlan(&secret), acctest.PresentInPlan(&appID)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), acctest.AbsentFromPlan(&secret)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.logto_api_resource.management", acctest.Attr("id"), knownvalue.StringExact(logto.ManagementAPIResourceID)),
				statecheck.ExpectKnownValue("logto_application.m2m", acctest.Attr("secret"), knownvalue.Null()),
				acctest.AbsentFromState(&secret),
				acctest.PresentInState(&appID),
				target.expectSignIns(e),
			},
		},
		// Without the second provider before the destroy: Terraform cannot
		// configure a provider from an application it is deleting.
		resource.TestStep{Config: base, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
	))
}

// A named secret (a second one, for rotation) is read the same way, and
// reading rotates nothing.
func TestAccApplicationSecretEphemeral_named(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := acctest.RandomName("eph-named")
	target := newSignInTarget(t, e)
	base := e.Config(`
resource "logto_application" "m2m" {
  name         = "%[1]s"
  type         = "MachineToMachine"
  store_secret = false
}

data "logto_role" "management" {
  name = "Logto Management API access"
}

resource "logto_application_role" "m2m_management" {
  application_id = logto_application.m2m.id
  role_id        = data.logto_role.management.id
}
`, prefix)
	signIn := base + `
ephemeral "logto_application_secret" "next" {
  application_id = logto_application.m2m.id
  name           = "rotation-next"
}

provider "logto" {
  alias         = "next"
  endpoint      = "` + target.url + `"
  resource      = "` + e.Resource + `"
  client_id     = logto_application.m2m.id
  client_secret = ephemeral.logto_application_secret.next.value
}

data "logto_api_resource" "management" {
  provider   = logto.next
  indicator  = "` + e.Resource + `"
  depends_on = [logto_application_role.m2m_management]
}
`
	var appID, named, def string
	resource.Test(t, rolesTestCase(e,
		resource.TestStep{
			Config:            base,
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID("logto_application.m2m", &appID)},
		},
		resource.TestStep{
			PreConfig: func() {
				s, err := e.Client.CreateApplicationSecret(context.Background(), appID, logto.ApplicationSecretCreate{Name: "rotation-next"})
				if err != nil {
					t.Fatal(err)
				}
				named = s.Value
				def = secretValue(t, e, appID, logto.DefaultSecretName)
			},
			Config: signIn,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), acctest.AbsentFromPlan(&named, &def)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.logto_api_resource.management", acctest.Attr("id"), knownvalue.StringExact(logto.ManagementAPIResourceID)),
				acctest.AbsentFromState(&named, &def),
				target.expectSignIns(e),
				// Reading rotated nothing.
				stateCheckFunc(func(context.Context) error {
					if got := secretValue(t, e, appID, "rotation-next"); got != named {
						return errorf("the named secret changed")
					}
					if got := secretValue(t, e, appID, logto.DefaultSecretName); got != def {
						return errorf("the Default secret changed")
					}
					return nil
				}),
			},
		},
		resource.TestStep{Config: base, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
	))
}

func TestAccApplicationSecretEphemeral_notFound(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	prefix := acctest.RandomName("eph-missing")
	apps := e.Config(`
resource "logto_application" "m2m" {
  name = "%[1]s-m2m"
  type = "MachineToMachine"
}

resource "logto_application" "spa" {
  name = "%[1]s-spa"
  type = "SPA"
}
`, prefix)
	// The ephemeral value is used by a provider block, so that Terraform
	// opens the ephemeral resource.
	use := func(block string) string {
		return apps + block + `
provider "logto" {
  alias         = "x"
  endpoint      = "` + e.Endpoint + `"
  client_id     = "x"
  client_secret = ephemeral.logto_application_secret.x.value
}

data "logto_application" "x" {
  provider = logto.x
  id       = "x"
}
`
	}
	resource.Test(t, testCase(e,
		resource.TestStep{Config: apps, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
		resource.TestStep{
			Config: use(`
ephemeral "logto_application_secret" "x" {
  application_id = logto_application.m2m.id
  name           = "no-such-secret"
}
`),
			ExpectError: regexp.MustCompile(`(?s)Logto Application Secret Not Found.*no secret named\s+"no-such-secret".*"Default secret"`),
		},
		resource.TestStep{
			Config: use(`
ephemeral "logto_application_secret" "x" {
  application_id = logto_application.spa.id
}
`),
			ExpectError: regexp.MustCompile(`(?s)It\s+has\s+no\s+secrets:\s+only\s+Traditional,\s+MachineToMachine`),
		},
		resource.TestStep{
			Config: use(`
ephemeral "logto_application_secret" "x" {
  application_id = "no-such-app"
}
`),
			ExpectError: regexp.MustCompile(`(?s)Logto Application Not Found.*"no-such-app"`),
		},
		resource.TestStep{Config: apps, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
	))
}

// The configuration of the guide "Machine-to-machine access" (steps 1 to 4,
// with a provider block in place of the secret store), applied.
func TestAccApplicationSecretEphemeral_guide(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	p := acctest.RandomName("guide")
	target := newSignInTarget(t, e)
	base := e.Config(`
resource "logto_api_resource" "billing" {
  name      = "Billing API"
  indicator = "https://%[1]s.example.com/api"
}

resource "logto_api_resource_scope" "read" {
  resource_id = logto_api_resource.billing.id
  name        = "read:invoices"
  description = "Read invoices"
}

resource "logto_api_resource_scope" "write" {
  resource_id = logto_api_resource.billing.id
  name        = "write:invoices"
  description = "Create and change invoices"
}

resource "logto_role" "billing_sync" {
  name        = "%[1]s-billing-sync"
  description = "Reads and writes invoices"
  type        = "MachineToMachine"
  scope_ids = [
    logto_api_resource_scope.read.id,
    logto_api_resource_scope.write.id,
  ]
}

resource "logto_application" "billing_sync" {
  name         = "%[1]s-billing-sync"
  type         = "MachineToMachine"
  store_secret = false
}

data "logto_role" "management" {
  name = "Logto Management API access"
}

resource "logto_application_roles" "billing_sync" {
  application_id = logto_application.billing_sync.id
  role_ids       = [logto_role.billing_sync.id, data.logto_role.management.id]
}

resource "logto_application_secret" "next" {
  application_id = logto_application.billing_sync.id
  name           = "2027-h1"
  expires_at     = "2099-07-01T00:00:00Z"
}
`, p)
	handOn := base + `
ephemeral "logto_application_secret" "billing_sync" {
  application_id = logto_application.billing_sync.id
  name           = logto_application_secret.next.name
}

provider "logto" {
  alias         = "billing_sync"
  endpoint      = "` + target.url + `"
  resource      = "` + e.Resource + `"
  client_id     = logto_application.billing_sync.id
  client_secret = ephemeral.logto_application_secret.billing_sync.value
}

data "logto_api_resource" "billing" {
  provider  = logto.billing_sync
  indicator = logto_api_resource.billing.indicator
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckAll(e.CheckRoleAssignmentsDestroyed, e.CheckApplicationsDestroyed, e.CheckAccessDestroyed),
		Steps: []resource.TestStep{
			{Config: base, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
			{
				Config:           handOn,
				ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.logto_api_resource.billing", acctest.Attr("id"), "logto_api_resource.billing", acctest.Attr("id"), compare.ValuesSame()),
					target.expectSignIns(e),
				},
			},
			{Config: base, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
		},
	})
}
