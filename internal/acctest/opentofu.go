package acctest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// OpenTofuProviderHost is the registry host OpenTofu gives a provider
// written without a source address (an implied `logto`): the in-process
// provider must be served under it (TF_ACC_PROVIDER_HOST) for `tofu init` to
// accept it.
const OpenTofuProviderHost = "registry.opentofu.org"

// requireOpenTofuProviderHost fails the test early, with the fix, when
// TF_ACC_TERRAFORM_PATH names OpenTofu and TF_ACC_PROVIDER_HOST is unset:
// terraform-plugin-testing would then serve the provider as
// registry.terraform.io/-/logto, which `tofu init` refuses with a message
// about a legacy namespace.
func requireOpenTofuProviderHost(t *testing.T) {
	t.Helper()
	if msg := openTofuHostProblem(os.Getenv("TF_ACC_TERRAFORM_PATH"), os.Getenv("TF_ACC_PROVIDER_HOST")); msg != "" {
		t.Fatal(msg)
	}
}

// openTofuHostProblem returns what is wrong with this CLI path and provider
// host, or "" when nothing is.
func openTofuHostProblem(cliPath, host string) string {
	if host != "" || !strings.HasPrefix(filepath.Base(cliPath), "tofu") {
		return ""
	}
	return "TF_ACC_TERRAFORM_PATH names OpenTofu (" + cliPath + "): set TF_ACC_PROVIDER_HOST=" +
		OpenTofuProviderHost + " so that the provider is served at the address OpenTofu expects " +
		"(make testacc-tofu does)"
}
