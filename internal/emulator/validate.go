package emulator

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Redirect URI rules, after @logto/core-kit's validateRedirectUrl: a redirect or post-logout
// redirect URI is valid when it passes the 'web' rule or the 'mobile' rule.
//
//   - web: an http(s) URL that the WHATWG URL parser accepts and whose path has no "." / ".."
//     segment (also percent-encoded); with a "*" the wildcard rules apply.
//   - mobile: any URL the parser accepts whose scheme matches a reverse-domain style custom
//     scheme (lowercase letters first, not http/https), e.g. "io.example.app://callback".
//
// Fragments are accepted ("https://a.example.com/cb#frag" is valid).

var (
	webProtocol    = regexp.MustCompile(`^https?:$`)
	mobileProtocol = regexp.MustCompile(`^[a-z][\d+_a-z-]*(\.[\d+_a-z-]+)*:$`)
)

// validRedirectURI reports whether Logto accepts uri in redirectUris / postLogoutRedirectUris.
func validRedirectURI(uri string) bool {
	return validateRedirectURL(uri, "web") || validateRedirectURL(uri, "mobile")
}

func validateRedirectURL(uri, kind string) bool {
	if kind == "web" && strings.Contains(uri, "*") {
		return validWildcardWebRedirect(uri)
	}
	if kind == "web" && hasDotSegments(uri) {
		return false
	}
	scheme, ok := parseURLScheme(uri)
	if !ok {
		return false
	}
	protocol := scheme + ":"
	if kind == "mobile" {
		return !strings.HasPrefix(protocol, "http:") && !strings.HasPrefix(protocol, "https:") &&
			mobileProtocol.MatchString(protocol)
	}
	return webProtocol.MatchString(protocol)
}

func validWildcardWebRedirect(uri string) bool {
	sep := strings.Index(uri, "://")
	if sep <= 0 || strings.Contains(uri[:sep], "*") {
		return false
	}
	if q := strings.Index(uri, "?"); q >= 0 && strings.Contains(uri[q:], "*") {
		return false
	}
	if h := strings.Index(uri, "#"); h >= 0 && strings.Contains(uri[h:], "*") {
		return false
	}
	authority := authorityOf(uri, sep)
	if strings.Contains(authority, "@") || strings.HasPrefix(authority, "[") {
		return false
	}
	lastColon := strings.LastIndex(authority, ":")
	hasPort := lastColon > -1 && strings.Index(authority, ":") == lastColon
	hostname := authority
	if hasPort {
		hostname = authority[:lastColon]
	}
	if strings.Contains(hostname, "*") && !strings.Contains(hostname, ".") {
		return false
	}
	if hasPort && strings.Contains(authority[lastColon+1:], "*") {
		return false
	}
	if hasDotSegments(uri) {
		return false
	}
	scheme, ok := parseURLScheme(strings.ReplaceAll(uri, "*", "wildcard"))
	return ok && webProtocol.MatchString(scheme+":")
}

func authorityOf(uri string, sep int) string {
	rest := uri[sep+3:]
	if i := strings.IndexAny(rest, "#/?"); i >= 0 {
		return rest[:i]
	}
	return rest
}

func hasDotSegments(uri string) bool {
	sep := strings.Index(uri, "://")
	if sep <= 0 {
		return false
	}
	authority := authorityOf(uri, sep)
	rest := uri[sep+3+len(authority):]
	if i := strings.IndexAny(rest, "#?"); i >= 0 {
		rest = rest[:i]
	}
	if rest == "" {
		return false
	}
	for _, segment := range strings.Split(rest, "/") {
		switch strings.ToLower(segment) {
		case ".", "..", "%2e", "%2e%2e":
			return true
		}
	}
	return false
}

// specialSchemes are the WHATWG "special" schemes, which need a host (except file).
var specialSchemes = map[string]bool{"http": true, "https": true, "ws": true, "wss": true, "ftp": true, "file": true}

// parseURLScheme approximates `new URL(input)` without a base: it returns the lowercased scheme
// when the WHATWG URL parser would accept input. It checks what matters for redirect URIs: a
// scheme, a non-empty and well-formed host for special schemes, and a valid port.
func parseURLScheme(input string) (string, bool) {
	input = strings.TrimFunc(input, func(r rune) bool { return r <= 0x20 })
	input = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(input)
	colon := strings.Index(input, ":")
	if colon <= 0 {
		return "", false
	}
	scheme := strings.ToLower(input[:colon])
	for i, c := range scheme {
		alpha := c >= 'a' && c <= 'z'
		other := c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
		if !alpha && (i == 0 || !other) {
			return "", false
		}
	}
	rest := input[colon+1:]
	if specialSchemes[scheme] {
		if scheme == "file" {
			return scheme, true
		}
		rest = strings.TrimLeft(rest, `/\`)
		end := strings.IndexAny(rest, `/\?#`)
		if end < 0 {
			end = len(rest)
		}
		return scheme, validAuthority(rest[:end], true)
	}
	if !strings.HasPrefix(rest, "//") {
		return scheme, true
	}
	rest = rest[2:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	return scheme, validAuthority(rest[:end], false)
}

func validAuthority(authority string, special bool) bool {
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		authority = authority[at+1:]
	}
	host, port := authority, ""
	if strings.HasPrefix(authority, "[") {
		end := strings.Index(authority, "]")
		if end < 0 {
			return false
		}
		host, port = authority[:end+1], strings.TrimPrefix(authority[end+1:], ":")
		if authority[end+1:] != "" && !strings.HasPrefix(authority[end+1:], ":") {
			return false
		}
		if !validIPv6(host[1 : len(host)-1]) {
			return false
		}
	} else if i := strings.LastIndex(authority, ":"); i >= 0 {
		host, port = authority[:i], authority[i+1:]
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n > 65535 || strings.ContainsAny(port, "+-") {
			return false
		}
	}
	if strings.HasPrefix(host, "[") {
		return true
	}
	if special {
		decoded, err := url.PathUnescape(host)
		return err == nil && validDomain(decoded)
	}
	return !strings.ContainsAny(host, "\x00 #/:<>?@[\\]^|")
}

func validDomain(host string) bool {
	if host == "" || strings.ContainsAny(host, "\x00 #%/:<>?@[\\]^|\x7f") {
		return false
	}
	for _, c := range host {
		if c < 0x20 {
			return false
		}
	}
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	last := labels[len(labels)-1]
	if last != "" && isIPv4Number(last) {
		return validIPv4(labels)
	}
	return true
}

func isIPv4Number(label string) bool {
	l := strings.ToLower(label)
	if strings.HasPrefix(l, "0x") {
		l = l[2:]
		return strings.Trim(l, "0123456789abcdef") == ""
	}
	return l != "" && strings.Trim(l, "0123456789") == ""
}

func validIPv4(labels []string) bool {
	if len(labels) > 4 {
		return false
	}
	for i, label := range labels {
		if !isIPv4Number(label) {
			return false
		}
		l := strings.ToLower(label)
		base := 10
		switch {
		case strings.HasPrefix(l, "0x"):
			base, l = 16, l[2:]
			if l == "" {
				l = "0"
			}
		case len(l) > 1 && l[0] == '0':
			base, l = 8, l[1:]
		}
		n, err := strconv.ParseUint(l, base, 64)
		if err != nil {
			return false
		}
		limit := uint64(255)
		if i == len(labels)-1 {
			limit = 1<<(8*(5-len(labels))) - 1
		}
		if n > limit {
			return false
		}
	}
	return true
}

func validIPv6(s string) bool {
	if s == "" || strings.Count(s, "::") > 1 {
		return false
	}
	parts := strings.Split(s, ":")
	if len(parts) > 8 {
		return false
	}
	for _, part := range parts {
		if len(part) > 4 && !strings.Contains(part, ".") {
			return false
		}
		if strings.Trim(strings.ToLower(part), "0123456789abcdef.") != "" {
			return false
		}
	}
	return true
}
