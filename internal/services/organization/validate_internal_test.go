package organization

import (
	"strings"
	"testing"
)

func TestCheckJITEmailDomain(t *testing.T) {
	for _, ok := range []string{"acme.com", "eu.acme.co.uk", "a-b.example.com", "xn--bcher-kva.example", "1password.com"} {
		if err := CheckJITEmailDomain(ok); err != nil {
			t.Errorf("CheckJITEmailDomain(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"", "acme", "@acme.com", "user@acme.com", "Acme.com", "not a domain", "acme..com", ".acme.com",
		"acme.com.", "-acme.com", "acme-.com", "acme.123", "acme_corp.com", "a." + strings.Repeat("b", 130)} {
		if err := CheckJITEmailDomain(bad); err == nil {
			t.Errorf("CheckJITEmailDomain(%q) = nil, want an error", bad)
		}
	}
}
