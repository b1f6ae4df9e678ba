package acctest

import (
	"strings"
	"testing"
)

func TestOpenTofuHostProblem(t *testing.T) {
	for _, tc := range []struct {
		cli, host string
		problem   bool
	}{
		{"/root/.cache/opentofu/v1.12.6/tofu", "", true},
		{"/usr/local/bin/tofu", "", true},
		{"/usr/local/bin/tofu", OpenTofuProviderHost, false},
		{"/usr/local/bin/terraform", "", false},
		{"", "", false},
	} {
		got := openTofuHostProblem(tc.cli, tc.host)
		if (got != "") != tc.problem {
			t.Errorf("openTofuHostProblem(%q, %q) = %q, want a problem: %v", tc.cli, tc.host, got, tc.problem)
		}
		if tc.problem && !strings.Contains(got, "TF_ACC_PROVIDER_HOST="+OpenTofuProviderHost) {
			t.Errorf("openTofuHostProblem(%q, %q) = %q, which does not name the fix", tc.cli, tc.host, got)
		}
	}
}
