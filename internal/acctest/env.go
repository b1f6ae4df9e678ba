package acctest

import (
	"crypto/rand"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
	"github.com/faccc625/terraform-provider-logto/internal/provider"
)

// ProtectedAppDomain is the protected-app domain of the test emulators.
const ProtectedAppDomain = "protected.emulator.test"

// Env is the Logto server one test runs against.
type Env struct {
	Endpoint     string
	ClientID     string
	ClientSecret string
	Resource     string
	// Emulator is the in-process emulator, nil against a real Logto.
	Emulator *emulator.Server
	// Client talks to the same server, for checks and out-of-band changes.
	Client *logto.Client
}

// RealLogto reports whether the tests target a real Logto (LOGTO_ENDPOINT set).
func RealLogto() bool { return os.Getenv("LOGTO_ENDPOINT") != "" }

// New returns the Env of one test: a fresh emulator, or the real Logto that
// LOGTO_ENDPOINT names.
func New(t *testing.T) *Env {
	t.Helper()
	requireOpenTofuProviderHost(t)
	e := &Env{}
	if RealLogto() {
		e.Endpoint = strings.TrimSuffix(os.Getenv("LOGTO_ENDPOINT"), "/")
		e.ClientID = os.Getenv("LOGTO_CLIENT_ID")
		e.ClientSecret = os.Getenv("LOGTO_CLIENT_SECRET")
		e.Resource = os.Getenv("LOGTO_RESOURCE")
		if e.ClientID == "" || e.ClientSecret == "" {
			t.Fatal("LOGTO_ENDPOINT is set: LOGTO_CLIENT_ID and LOGTO_CLIENT_SECRET must be set too")
		}
		if e.Resource == "" {
			e.Resource = provider.DeriveResource(e.Endpoint)
		}
	} else {
		e.ClientID, e.ClientSecret = "acc-"+randomString(8), randomString(32)
		e.Resource = provider.SelfHostedResource
		srv, err := emulator.New(emulator.Options{
			ClientID:           e.ClientID,
			ClientSecret:       e.ClientSecret,
			Resource:           e.Resource,
			ProtectedAppDomain: ProtectedAppDomain,
		})
		if err != nil {
			t.Fatalf("starting the emulator: %v", err)
		}
		hs := httptest.NewServer(srv)
		t.Cleanup(hs.Close)
		e.Emulator, e.Endpoint = srv, hs.URL
	}
	client, err := logto.New(logto.Config{
		Endpoint: e.Endpoint, ClientID: e.ClientID, ClientSecret: e.ClientSecret, Resource: e.Resource,
	})
	if err != nil {
		t.Fatalf("creating the test client: %v", err)
	}
	e.Client = client
	return e
}

// ProviderBlock is the provider configuration pointing at this Env.
func (e *Env) ProviderBlock() string {
	return fmt.Sprintf(`
provider "logto" {
  endpoint      = %q
  client_id     = %q
  client_secret = %q
  resource      = %q
}
`, e.Endpoint, e.ClientID, e.ClientSecret, e.Resource)
}

// Config returns the provider block followed by the given configuration.
func (e *Env) Config(hcl string, args ...any) string {
	return e.ProviderBlock() + fmt.Sprintf(hcl, args...)
}

// ProtoV6ProviderFactories serves the provider in-process to the terraform CLI,
// through the same server as the provider binary (provider.NewServer), so that
// the tests exercise its log masking. Each provider run gets its own set of
// secrets.
func ProtoV6ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"logto": func() (tfprotov6.ProviderServer, error) {
			return provider.NewServer("test", provider.ServerOptions{})(), nil
		},
	}
}

// RandomName returns a name unique to this run, prefixed so that leftovers
// on a real Logto are recognisable ("tfacc-<what>-<random>").
func RandomName(what string) string {
	return "tfacc-" + what + "-" + randomString(10)
}

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

func randomString(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// SkipProtectedAppsOnRealLogto skips a test of Protected applications against
// a real Logto unless LOGTO_PROTECTED_APPS=1 says it supports them: a
// self-hosted Logto without a protected-app provider answers 501
// application.protected_app_not_configured. The emulator always supports them.
func SkipProtectedAppsOnRealLogto(t *testing.T) {
	t.Helper()
	if RealLogto() && os.Getenv("LOGTO_PROTECTED_APPS") != "1" {
		t.Skip("Protected applications need Logto Cloud or a configured protected-app provider; set LOGTO_PROTECTED_APPS=1 to run this test")
	}
}
