package validators

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.String = redirectURIValidator{}

// mobileScheme is the form of a custom URI scheme Logto accepts for native
// apps (io.example.app://callback): lowercase, dotted, never http(s).
var mobileScheme = regexp.MustCompile(`^[a-z][\d+_a-z-]*(\.[\d+_a-z-]+)*$`)

type redirectURIValidator struct{}

// RedirectURI accepts what Logto accepts as a (post-logout) redirect URI:
// an http(s) URL (a `*` wildcard is allowed in the host name or path, never in
// the scheme, port, query or fragment), or a custom-scheme URI for native apps.
// URLs with `.` or `..` path segments are refused, as Logto refuses them.
func RedirectURI() validator.String { return redirectURIValidator{} }

func (redirectURIValidator) Description(context.Context) string {
	return "value must be an http(s) URL or a custom-scheme URI such as io.example.app://callback"
}

func (v redirectURIValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v redirectURIValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckRedirectURI(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Redirect URI",
			err.Error()+". Logto accepts http:// and https:// URLs (with an optional * wildcard in the host "+
				"name or path) and custom-scheme URIs for native apps, such as io.example.app://callback.")
	}
}

// CheckRedirectURI returns why Logto would refuse raw as a redirect URI, or nil.
func CheckRedirectURI(raw string) error {
	if strings.Contains(raw, "*") {
		return checkWildcardURI(raw)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return fmt.Errorf("%q is not an absolute URI", raw)
	}
	if u.Scheme == "http" || u.Scheme == "https" {
		if u.Host == "" {
			return fmt.Errorf("%q has no host", raw)
		}
		if hasDotSegments(u.EscapedPath()) {
			return fmt.Errorf("%q has . or .. segments in its path", raw)
		}
		return nil
	}
	if !mobileScheme.MatchString(u.Scheme) {
		return fmt.Errorf("%q has an invalid scheme %q", raw, u.Scheme)
	}
	return nil
}

func checkWildcardURI(raw string) error {
	sep := strings.Index(raw, "://")
	if sep <= 0 {
		return fmt.Errorf("%q: a wildcard URI must be an absolute http(s) URL", raw)
	}
	if strings.Contains(raw[:sep], "*") {
		return fmt.Errorf("%q: the scheme cannot contain a wildcard", raw)
	}
	if i := strings.IndexAny(raw, "?#"); i >= 0 && strings.Contains(raw[i:], "*") {
		return fmt.Errorf("%q: the query and fragment cannot contain a wildcard", raw)
	}
	rest := raw[sep+3:]
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
	}
	if strings.Contains(authority, "@") || strings.HasPrefix(authority, "[") {
		return fmt.Errorf("%q: a wildcard URI cannot carry credentials or an IPv6 host", raw)
	}
	host, port, hasPort := strings.Cut(authority, ":")
	if hasPort && strings.Contains(port, "*") {
		return fmt.Errorf("%q: the port cannot contain a wildcard", raw)
	}
	if strings.Contains(host, "*") && !strings.Contains(host, ".") {
		return fmt.Errorf("%q: a wildcard host name needs at least one dot", raw)
	}
	u, err := url.Parse(strings.ReplaceAll(raw, "*", "wildcard"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q: a wildcard URI must be an http(s) URL", raw)
	}
	if hasDotSegments(u.EscapedPath()) {
		return fmt.Errorf("%q has . or .. segments in its path", raw)
	}
	return nil
}

func hasDotSegments(path string) bool {
	for _, seg := range strings.Split(path, "/") {
		switch strings.ToLower(seg) {
		case ".", "..", "%2e", "%2e%2e":
			return true
		}
	}
	return false
}
