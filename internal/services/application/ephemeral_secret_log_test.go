package application_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// TestAccApplicationSecretEphemeral_notLogged reads an application secret
// with the ephemeral resource and signs a second provider in with it, with
// TRACE logging into files, then looks in them for the provider's client
// secret, every access token the emulator issued and every application
// secret it holds (the one read included), as
// TestAccApplication_secretsNotLogged does for the resources. It sets
// process-wide variables, so it is not parallel.
func TestAccApplicationSecretEphemeral_notLogged(t *testing.T) {
	logDir := t.TempDir()
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(logDir, "%s.log"))
	t.Setenv("TF_LOG", "TRACE")
	e := acctest.New(t)
	t.Setenv("LOGTO_CLIENT_SECRET", e.ClientSecret)
	target := newSignInTarget(t, e)
	base := fmt.Sprintf(`
provider "logto" {
  endpoint  = %[1]q
  client_id = %[2]q
  resource  = %[3]q
}

resource "logto_application" "m2m" {
  name         = %[4]q
  type         = "MachineToMachine"
  store_secret = false
}

data "logto_role" "management" {
  name = %[5]q
}

resource "logto_application_role" "m2m_management" {
  application_id = logto_application.m2m.id
  role_id        = data.logto_role.management.id
}
`, e.Endpoint, e.ClientID, e.Resource, acctest.RandomName("eph-log"), managementRoleName)
	signIn := base + fmt.Sprintf(`
ephemeral "logto_application_secret" "m2m" {
  application_id = logto_application.m2m.id
}

provider "logto" {
  alias         = "m2m"
  endpoint      = %q
  resource      = %q
  client_id     = logto_application.m2m.id
  client_secret = ephemeral.logto_application_secret.m2m.value
}

data "logto_api_resource" "management" {
  provider   = logto.m2m
  indicator  = %q
  depends_on = [logto_application_role.m2m_management]
}
`, target.url, e.Resource, e.Resource)
	var appID, secret string
	resource.Test(t, rolesTestCase(e,
		resource.TestStep{
			Config:            base,
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID("logto_application.m2m", &appID)},
		},
		resource.TestStep{
			PreConfig: func() { secret = secretValue(t, e, appID, logto.DefaultSecretName) },
			Config:    signIn,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.logto_api_resource.management", acctest.Attr("id"), knownvalue.StringExact(logto.ManagementAPIResourceID)),
				target.expectSignIns(e),
			},
		},
		resource.TestStep{Config: base},
	))

	var logs strings.Builder
	files, _ := filepath.Glob(filepath.Join(logDir, "*.log"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		logs.Write(b)
	}
	text := logs.String()
	for _, want := range []string{"/api/applications", "OpenEphemeralResource"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the TRACE log (%d bytes in %d files) has no %q lines; the check below would prove nothing", len(text), len(files), want)
		}
	}
	secrets := map[string][]string{"client secret": {e.ClientSecret}, "application secret": {secret}}
	if e.Emulator != nil {
		secrets["access token"] = e.Emulator.IssuedTokens()
		secrets["application secret"] = append(secrets["application secret"], e.Emulator.SecretValues()...)
	}
	for _, found := range leakedSecrets(text, secrets) {
		t.Errorf("the TRACE log contains %s", found)
	}
}
