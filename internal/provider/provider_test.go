package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

// TestAccProvider_missingSettings checks that a plan without credentials fails
// with an error that names the missing setting and its environment variable.
func TestAccProvider_missingSettings(t *testing.T) {
	for _, env := range []string{"LOGTO_ENDPOINT", "LOGTO_CLIENT_ID", "LOGTO_CLIENT_SECRET"} {
		t.Setenv(env, "")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
provider "logto" {
  endpoint  = "http://127.0.0.1:9"
  client_id = "x"
}
data "logto_applications" "all" {}
`,
			ExpectError: regexp.MustCompile(`(?s)Missing Logto Provider Setting.*client_secret.*LOGTO_CLIENT_SECRET`),
		}},
	})
}

// TestAccProvider_badCredentials checks that wrong credentials fail with
// Logto's error code and a hint to check them, without echoing the secret.
func TestAccProvider_badCredentials(t *testing.T) {
	t.Parallel()
	if acctest.RealLogto() {
		t.Skip("uses an emulator with credentials of its own")
	}
	e := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
provider "logto" {
  endpoint      = "` + e.Endpoint + `"
  client_id     = "` + e.ClientID + `"
  client_secret = "definitely-wrong-secret"
}
data "logto_applications" "all" {}
`,
			ExpectError: regexp.MustCompile(`(?s)oidc\.invalid_client.*Check client_id and client_secret`),
		}},
	})
}
