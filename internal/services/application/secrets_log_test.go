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

// TestAccApplication_secretsNotLogged runs a create (an application with its
// default secret and a named secret), a refresh and an import with TRACE
// logging into files, then looks in them for every value that must never be
// logged: the provider's client secret, every access token the emulator
// issued (the provider's among them) and every application secret value the
// emulator holds or held. The provider's own request lines must be there, or
// the search would prove nothing. It sets process-wide variables, so it is
// not parallel.
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

resource "logto_application_secret" "named" {
  application_id = logto_application.test.id
  name           = "ci"
}
`, e.Endpoint, e.ClientID, e.Resource, name),
			ConfigStateChecks: []statecheck.StateCheck{acctest.StateCheck(addr, func(v map[string]any) error {
				appSecret, _ = v["secret"].(string)
				return nil
			})},
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

	secrets := map[string][]string{
		"client secret":      {e.ClientSecret},
		"application secret": {appSecret},
	}
	if e.Emulator != nil {
		secrets["access token"] = e.Emulator.IssuedTokens()
		secrets["application secret"] = append(secrets["application secret"], e.Emulator.SecretValues()...)
		// The provider ran several times (plan, apply, refresh, import), each
		// with its own token, and the application has two secrets.
		if n := len(secrets["access token"]); n < 2 {
			t.Fatalf("the emulator issued %d access tokens; the providers' tokens are missing", n)
		}
		if n := len(e.Emulator.SecretValues()); n < 2 {
			t.Fatalf("the emulator holds %d application secret values, want the default and the named one", n)
		}
	} else {
		// A real Logto does not tell which tokens it issued: look at least
		// for one fetched the way the provider fetches its own.
		secrets["access token"] = []string{bearerToken(t, e)}
	}
	for _, found := range leakedSecrets(text, secrets) {
		t.Errorf("the TRACE log contains %s", found)
	}
}

// leakedSecrets returns, for each value of secrets (by kind) that appears in
// text, a description of it that does not contain the value ("access token 2
// of 5"). Empty values are skipped: every text contains them.
func leakedSecrets(text string, secrets map[string][]string) []string {
	var found []string
	for kind, values := range secrets {
		for i, v := range values {
			if v != "" && strings.Contains(text, v) {
				found = append(found, fmt.Sprintf("%s %d of %d", kind, i+1, len(values)))
			}
		}
	}
	return found
}

// TestLeakedSecrets is the positive control of the check above: it reports a
// token, a secret in a JSON field and the client secret when a log has them,
// and nothing for a log without them.
func TestLeakedSecrets(t *testing.T) {
	t.Parallel()
	secrets := map[string][]string{
		"access token":       {"emu_firsttoken", "emu_secondtoken"},
		"application secret": {"", "app-secret-1"},
		"client secret":      {"client-secret"},
	}
	clean := `{"@level":"debug","@message":"Logto API request","api_path":"/api/applications/x","api_status":200}`
	if found := leakedSecrets(clean, secrets); len(found) != 0 {
		t.Errorf("a log without secrets: reported %v", found)
	}
	leaky := clean + "\n" + `{"@message":"Authorization: Bearer emu_secondtoken","body":"{\"secret\":\"app-secret-1\"}"}` + "\nclient-secret\n"
	found := leakedSecrets(leaky, secrets)
	want := map[string]bool{"access token 2 of 2": true, "application secret 2 of 2": true, "client secret 1 of 1": true}
	if len(found) != len(want) {
		t.Errorf("reported %v, want %v", found, want)
	}
	for _, f := range found {
		if !want[f] {
			t.Errorf("unexpected report %q", f)
		}
		if strings.Contains(f, "emu_") || strings.Contains(f, "app-secret") {
			t.Errorf("the report %q contains the value it reports", f)
		}
	}
}

// bearerToken fetches an access token the way the provider does, to look for
// tokens of the same form in the log (against a real Logto).
func bearerToken(t *testing.T, e *acctest.Env) string {
	t.Helper()
	tok, err := e.Client.AccessToken(context.Background())
	if err != nil {
		t.Fatalf("getting an access token: %v", err)
	}
	return tok
}
