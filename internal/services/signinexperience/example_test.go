package signinexperience_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

func example(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", file))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The documented examples apply as they are, with an empty plan after.
func TestAccSignInExperience_examples(t *testing.T) {
	e := newEnv(t)
	res := example(t, "resources/logto_sign_in_experience/resource.tf")
	data := example(t, "data-sources/logto_sign_in_experience/data-source.tf")
	resource.Test(t, testCase(
		resource.TestStep{
			Config:           e.ProviderBlock() + res,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("logto_sign_in_experience.this", acctest.Attr("single_sign_on_enabled"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("logto_sign_in_experience.this", acctest.Attr("color", "is_dark_mode_enabled"), knownvalue.Null()),
			},
		},
		// The data source reads what the resource applied.
		resource.TestStep{
			Config:           e.ProviderBlock() + res + "\n" + data,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("enterprise_sso_enabled", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("mfa_factors", knownvalue.SetSizeExact(3)),
			},
		},
	))
}
