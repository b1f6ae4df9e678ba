package validators

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.String = originValidator{}

type originValidator struct{}

// Origin accepts a web origin as browsers send it in the Origin header:
// `scheme://host[:port]` with scheme http or https, lowercase, and nothing
// else — no path (not even "/"), query, fragment or user info, and no
// default port (:80 for http, :443 for https), which browsers leave out.
// Lists of allowed origins are compared with the Origin header as strings,
// so any other spelling never matches. When a valid origin can be derived
// from the value, the error shows it.
func Origin() validator.String { return originValidator{} }

func (originValidator) Description(context.Context) string {
	return "value must be an origin: http:// or https://, a host and an optional port, with no path, not even a trailing slash"
}

func (v originValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v originValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	suggestion, err := CheckOrigin(req.ConfigValue.ValueString())
	if err == nil {
		return
	}
	detail := err.Error() + "."
	if suggestion != "" {
		detail += fmt.Sprintf(" Use %q instead.", suggestion)
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Origin", detail+
		" Browsers send the Origin header as scheme://host[:port] (for example https://app.example.com or "+
		"http://localhost:3000), and Logto compares it with the allowed origins as a string.")
}

// CheckOrigin returns nil when raw is an origin as browsers send it, or an
// error that explains why not together with the origin to use instead when
// one can be derived from raw (else "").
func CheckOrigin(raw string) (suggestion string, err error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Opaque != "" || u.Host == "" {
		return "", fmt.Errorf("%q is not an origin: it must be an absolute http:// or https:// URL with a host", raw)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("%q is not an origin: the scheme must be http or https, not %q", raw, u.Scheme)
	}
	host, port := u.Hostname(), u.Port()
	switch {
	case host == "":
		return "", fmt.Errorf("%q is not an origin: it has no host", raw)
	case strings.Contains(host, "*"):
		return "", fmt.Errorf("%q is not an origin: wildcards are not allowed; list each origin", raw)
	case strings.ContainsFunc(host, func(r rune) bool { return r > unicode.MaxASCII }):
		return "", fmt.Errorf("%q is not an origin as browsers send it: write an internationalized host name in its ASCII (xn--) form", raw)
	case strings.HasSuffix(u.Host, ":"):
		return "", fmt.Errorf("%q is not an origin: the port after the colon is missing", raw)
	}
	if port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return "", fmt.Errorf("%q is not an origin: the port %q is not a number from 1 to 65535", raw, port)
		}
	}
	want := canonicalOrigin(scheme, host, port)
	var extras []string
	if u.User != nil {
		extras = append(extras, "user info")
	}
	switch {
	case u.Path == "/" && u.RawPath == "":
		extras = append(extras, "a trailing slash")
	case u.Path != "" || u.RawPath != "":
		extras = append(extras, "a path")
	}
	if u.RawQuery != "" || u.ForceQuery {
		extras = append(extras, "a query")
	}
	if u.Fragment != "" || strings.Contains(raw, "#") {
		extras = append(extras, "a fragment")
	}
	if len(extras) > 0 {
		return want, fmt.Errorf("%q is not an origin: it has %s", raw, joinAnd(extras))
	}
	if raw != want {
		return want, fmt.Errorf("%q is not written as browsers send origins (lowercase, without the default port)", raw)
	}
	return "", nil
}

// canonicalOrigin writes an origin as browsers serialize it: lowercase scheme
// and host, IPv6 hosts in brackets, the port only when it is not the
// scheme's default, without leading zeros.
func canonicalOrigin(scheme, host, port string) string {
	host = strings.ToLower(host)
	if port != "" {
		n, _ := strconv.Atoi(port)
		port = strconv.Itoa(n)
		if (scheme == "http" && n == 80) || (scheme == "https" && n == 443) {
			port = ""
		}
	}
	switch {
	case port != "":
		return scheme + "://" + net.JoinHostPort(host, port)
	case strings.Contains(host, ":"):
		return scheme + "://[" + host + "]"
	}
	return scheme + "://" + host
}

func joinAnd(items []string) string {
	switch len(items) {
	case 1:
		return items[0]
	case 2:
		return items[0] + " and " + items[1]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
