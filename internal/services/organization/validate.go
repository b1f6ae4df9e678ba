package organization

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// maxEmailDomain is the width of Logto's email domain column.
const maxEmailDomain = 128

// CheckJITEmailDomain returns why d is not an email domain for just-in-time
// provisioning, or nil. Logto stores any string ("not a domain",
// "@acme.com") and then never matches it, so the provider asks for a domain
// name alone: lowercase labels of letters, digits and hyphens, at least two,
// the last one not numeric.
func CheckJITEmailDomain(d string) error {
	switch {
	case strings.Contains(d, "@"):
		return fmt.Errorf("%q must be the domain alone, without the user part or @ (for example %q)", d, d[strings.LastIndex(d, "@")+1:])
	case d != strings.ToLower(d):
		return fmt.Errorf("%q must be lowercase (%q)", d, strings.ToLower(d))
	case len(d) > maxEmailDomain:
		return fmt.Errorf("%q is longer than %d characters", d, maxEmailDomain)
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return fmt.Errorf("%q is not a domain name: it needs a dot, as in acme.com", d)
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return fmt.Errorf("%q is not a domain name: each part between dots must be 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen", d)
		}
		for _, c := range l {
			if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
				return fmt.Errorf("%q is not a domain name: %q is not allowed (letters, digits, hyphens and dots only)", d, c)
			}
		}
	}
	if tld := labels[len(labels)-1]; strings.Trim(tld, "0123456789") == "" {
		return fmt.Errorf("%q is not a domain name: it ends with a number", d)
	}
	return nil
}

type jitEmailDomainValidator struct{}

// JITEmailDomain validates a just-in-time email domain (see
// CheckJITEmailDomain).
func JITEmailDomain() validator.String { return jitEmailDomainValidator{} }

func (jitEmailDomainValidator) Description(context.Context) string {
	return "value must be a lowercase domain name such as acme.com, without @"
}

func (v jitEmailDomainValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (jitEmailDomainValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckJITEmailDomain(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Email Domain", err.Error()+".")
	}
}
