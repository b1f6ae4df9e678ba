package ssoconnector_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

// TestAccSSOConnector_secretsNotLogged creates, updates (a secret rotation
// included), refreshes and imports connectors with TRACE logging into files,
// then looks in them for the connector secrets, given with client_secret and
// with client_secret_wo. The secrets reach Terraform through sensitive
// variables set in the environment, since the harness logs each step's
// configuration. The provider's own request lines must be in the logs, and a
// secret must be found where it is written on purpose (the positive control),
// or the search would prove nothing. It sets process-wide variables, so it is
// not parallel.
func TestAccSSOConnector_secretsNotLogged(t *testing.T) {
	logDir := t.TempDir()
	if d := os.Getenv("LOGTO_TEST_KEEP_LOGS"); d != "" {
		logDir = d
	}
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(logDir, "%s.log"))
	t.Setenv("TF_LOG", "TRACE")
	e := acctest.New(t)
	idp := acctest.NewMockIdP(t)
	kept, wo1, wo2 := "kept-"+acctest.RandomName("secret"), "wo1-"+acctest.RandomName("secret"), "wo2-"+acctest.RandomName("secret")
	t.Setenv("TF_VAR_kept", kept)
	name := acctest.RandomName("log")
	var id string
	config := func(version int) string {
		return e.Config(`
variable "kept" {
  type      = string
  sensitive = true
}
variable "wo" {
  type      = string
  sensitive = true
  ephemeral = true
}
resource "logto_sso_connector" "test" {
  provider_name  = "Okta"
  connector_name = %[1]q
  oidc = {
    client_id                = "okta-app"
    client_secret_wo         = var.wo
    client_secret_wo_version = %[2]d
    issuer                   = %[3]q
  }
}
resource "logto_sso_connector" "kept" {
  provider_name  = "OIDC"
  connector_name = "%[1]s-kept"
  oidc = {
    client_id     = "oidc-app"
    client_secret = var.kept
    issuer        = %[3]q
  }
}
`, name, version, idp.Issuer(acctest.RandomName("okta")))
	}
	resource.Test(t, testCase(e,
		resource.TestStep{
			PreConfig: func() { t.Setenv("TF_VAR_wo", wo1) }, Config: config(1), ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)},
		},
		resource.TestStep{PreConfig: func() { t.Setenv("TF_VAR_wo", wo2) }, Config: config(2), ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
		resource.TestStep{ResourceName: "logto_sso_connector.kept", ImportState: true, ImportStateVerify: true},
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
	text := withoutOpenTofuRefreshWarnings(logs.String())
	if !strings.Contains(text, "/api/sso-connectors") {
		t.Fatalf("the TRACE log (%d bytes in %d files) has no provider request lines; the check below would prove nothing", len(text), len(files))
	}
	for label, secret := range map[string]string{"client_secret": kept, "first client_secret_wo": wo1, "second client_secret_wo": wo2} {
		if strings.Contains(text, secret) {
			t.Errorf("the TRACE log contains the %s", label)
		}
	}
	// Positive control: the provider's own debug line names the connector
	// it created, so its log lines are in the text searched.
	if id == "" || !strings.Contains(text, "id="+id) {
		t.Errorf("the TRACE log lacks the provider's line about creating %q; the search above may have missed its lines", id)
	}
}

// withoutOpenTofuRefreshWarnings drops OpenTofu's own "[WARN] Provider
// "registry.opentofu.org/..." produced an unexpected new value for ... during
// refresh." entries and their "      - " detail lines. OpenTofu (1.12) writes
// that entry when it refreshes an imported object, printing every
// attribute that went from null to a value; a sensitive attribute inside a
// nested attribute (oidc.client_secret) is printed in clear, since only
// top-level sensitive attributes are masked there. Terraform writes no such
// entry on import. The line comes from the CLI, not from the provider, whose
// lines are what this test checks; the host in the address keeps Terraform's
// logs (registry.terraform.io) searched whole.
func withoutOpenTofuRefreshWarnings(text string) string {
	var out strings.Builder
	skipping := false
	for line := range strings.Lines(text) {
		if strings.Contains(line, `[WARN]  Provider "registry.opentofu.org/`) &&
			strings.Contains(line, "produced an unexpected new value for") {
			skipping = true
			continue
		}
		if skipping && strings.HasPrefix(line, "      - ") {
			continue
		}
		skipping = false
		out.WriteString(line)
	}
	return out.String()
}
