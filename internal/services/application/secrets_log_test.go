package application_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

// TestAccApplication_secretsNotLogged runs a create, refresh and import with
// TRACE logging into a file and proves that neither the provider's client
// secret nor the application's secret appears in it, while the provider's own
// request log lines do. It sets process-wide variables, so it is not parallel.
func TestAccApplication_secretsNotLogged(t *testing.T) {
	logDir := t.TempDir()
	if d := os.Getenv("LOGTO_TEST_KEEP_LOGS"); d != "" {
		logDir = d
	}
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(logDir, "%s.log"))
	t.Setenv("TF_LOG", "TRACE")
	e := acctest.New(t)
	// The harness logs each step's configuration, so the client secret
	// reaches the provider through LOGTO_CLIENT_SECRET, as users are advised.
	t.Setenv("LOGTO_CLIENT_SECRET", e.ClientSecret)
	name := acctest.RandomName("log")
	var appSecret string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config: fmt.Sprintf(`
provider "logto" {
  endpoint  = %q
  client_id = %q
  resource  = %q
}

resource "logto_application" "test" {
  name = %q
  type = "MachineToMachine"
}
`, e.Endpoint, e.ClientID, e.Resource, name),
			ConfigStateChecks: []statecheck.StateCheck{resourceStateCheck{addr, func(v map[string]any) error {
				appSecret, _ = v["secret"].(string)
				return nil
			}}},
		},
		resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true},
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
	if !strings.Contains(text, "/api/applications") {
		t.Fatalf("the TRACE log (%d bytes in %d files) has no provider request lines; the check below would prove nothing", len(text), len(files))
	}
	if appSecret == "" {
		t.Fatal("no application secret was captured")
	}
	for label, secret := range map[string]string{"client secret": e.ClientSecret, "application secret": appSecret} {
		if strings.Contains(text, secret) {
			t.Errorf("the %s appears in the TRACE log", label)
		}
	}
	if token := bearerToken(t, e); token != "" && strings.Contains(text, token) {
		t.Error("an access token appears in the TRACE log")
	}
}

// bearerToken fetches an access token the way the provider does, to look for
// tokens of the same form in the log.
func bearerToken(t *testing.T, e *acctest.Env) string {
	t.Helper()
	tok, err := e.Client.AccessToken(context.Background())
	if err != nil {
		t.Fatalf("getting an access token: %v", err)
	}
	return tok
}
