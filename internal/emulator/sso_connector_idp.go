package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"
)

// The emulator talks to identity providers like Logto does: it really fetches
// <issuer>/.well-known/openid-configuration for OIDC-family connectors and the metadata URL of
// SAML connectors, when a connector is created or its config changes (a failure is a 400) and
// each time a connector is read (a failure only leaves providerConfig out). Unlike Logto (got,
// no timeout, two retries), it gives up after idpTimeout and does not retry.

// idpTimeout bounds each request to an identity provider.
const idpTimeout = 5 * time.Second

// maxIdPBody caps what the emulator reads from an identity provider.
const maxIdPBody = 4 << 20

// defaultIdPClient follows up to 10 redirects, as got does.
var defaultIdPClient = &http.Client{Timeout: idpTimeout}

// SetIdentityProviderClient sets the HTTP client the emulator uses to fetch OIDC discovery
// documents and SAML metadata; nil restores the default (5 s timeout, no retries). Tests use it
// to reach a fixed issuer such as Google Workspace's on a loopback server, or to shorten the
// timeout.
func (s *Server) SetIdentityProviderClient(c *http.Client) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sso.idpClient = c
}

func (s *Server) identityProviderClient() *http.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sso.idpClient != nil {
		return s.sso.idpClient
	}
	return defaultIdPClient
}

// idpFetchError is a failed GET: either the server answered a non-2xx status (body is what got
// puts in the error data: the answer's text) or the request failed (data is a got-like
// RequestError: {code, name}).
type idpFetchError struct {
	data any
}

// fetchIdP GETs a URL and returns the body text.
func (s *Server) fetchIdP(ctx context.Context, rawURL string) (string, *idpFetchError) {
	parsed, err := url.Parse(rawURL)
	switch {
	case err != nil || parsed.Host == "" && (parsed.Scheme == "http" || parsed.Scheme == "https"):
		return "", requestError("ERR_INVALID_URL")
	case parsed.Scheme != "http" && parsed.Scheme != "https":
		if parsed.Scheme == "" {
			return "", requestError("ERR_INVALID_URL")
		}
		return "", requestError("ERR_UNSUPPORTED_PROTOCOL")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return "", requestError("ERR_INVALID_URL")
	}
	req.Header.Set("User-Agent", "got (https://github.com/sindresorhus/got)")
	resp, err := s.identityProviderClient().Do(req)
	if err != nil {
		return "", requestError(requestErrorCode(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxIdPBody))
	if err != nil {
		return "", requestError(requestErrorCode(err))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", &idpFetchError{data: string(body)}
	}
	return string(body), nil
}

func requestError(code string) *idpFetchError {
	return &idpFetchError{data: ordered{{"code", code}, {"name", "RequestError"}}}
}

// requestErrorCode names a transport error the way Node does (the code in got's RequestError).
func requestErrorCode(err error) string {
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &dnsErr):
		if dnsErr.IsTimeout || dnsErr.IsTemporary {
			return "EAI_AGAIN"
		}
		return "ENOTFOUND"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "ECONNREFUSED"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF):
		return "ECONNRESET"
	case errors.Is(err, syscall.ENETUNREACH):
		return "ENETUNREACH"
	case errors.Is(err, syscall.EHOSTUNREACH):
		return "EHOSTUNREACH"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		return "ETIMEDOUT"
	}
	return "ERR_GOT_REQUEST_ERROR"
}

// ssoConnectorError is Logto's SsoConnectorError as the Management API answers it: 400
// connector.<code> with data {ssoErrorCode, ...fields}.
func ssoConnectorError(code string, fields ...kv) reply {
	data := append(ordered{{"ssoErrorCode", code}}, fields...)
	return replyErrorData(http.StatusBadRequest, "connector."+code, data)
}

// Logto's SsoConnectorConfigErrorCodes, the "message" of an SSO connector error's data.
const (
	ssoInvalidSAMLXMLMetadata  = "invalid_saml_xml_metadata"
	ssoInvalidConfigResponse   = "invalid_config_response"
	ssoFailToFetchConfig       = "fail_to_fetch_config"
	ssoInvalidConnectorConfig  = "invalid_connector_config"
	ssoErrorCodeInvalidConfig  = "invalid_config"
	ssoErrorCodeInvalidMeta    = "invalid_metadata"
	ssoErrorCodeInvalidCert    = "invalid_certificate"
	openIDConfigurationSuffix  = "/.well-known/openid-configuration"
	samlRedirectBinding        = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
	ssoServiceProviderPath     = "/enterprise-sso/"
	ssoAssertionConsumerPrefix = "/api/authn/single-sign-on/saml/"
)

// oidcDiscoveryFields are oidcConfigResponseGuard's keys, in order, with their camelCase names
// (userinfo_endpoint is optional).
var oidcDiscoveryFields = []struct{ key, camel string }{
	{"authorization_endpoint", "authorizationEndpoint"},
	{"token_endpoint", "tokenEndpoint"},
	{"userinfo_endpoint", "userinfoEndpoint"},
	{"jwks_uri", "jwksUri"},
	{"issuer", "issuer"},
}

// fetchOIDCDiscovery fetches and validates <issuer>/.well-known/openid-configuration (the issuer
// is joined as a string, as Logto does). It returns the guarded document with camelCase keys,
// or Logto's 400 connector.invalid_config answer.
func (s *Server) fetchOIDCDiscovery(ctx context.Context, issuer string) (ordered, reply) {
	failed := func(message string, errData any) reply {
		return ssoConnectorError(ssoErrorCodeInvalidConfig,
			kv{"config", ordered{{"issuer", issuer}}}, kv{"message", message}, kv{"error", errData})
	}
	body, fetchErr := s.fetchIdP(ctx, issuer+openIDConfigurationSuffix)
	if fetchErr != nil {
		return nil, failed(ssoFailToFetchConfig, fetchErr.data)
	}
	var doc any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		// connector-kit's parseJson throws ConnectorError(invalid_response, text).
		return nil, failed(ssoFailToFetchConfig,
			ordered{{"code", "invalid_response"}, {"data", ordered{{"message", body}}}})
	}
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: doc, present: true})
	var out ordered
	if obj != nil {
		for _, f := range oidcDiscoveryFields {
			value, present := obj[f.key]
			if f.key == "userinfo_endpoint" && !present {
				continue
			}
			if s, ok := z.str(field{p: path{f.key}, value: value, present: present}, true, false, 0, 0); ok && s != nil {
				out = append(out, kv{f.camel, *s})
			}
		}
	}
	if !z.empty() {
		return nil, failed(ssoInvalidConfigResponse, flattenIssues(z))
	}
	return out, nil
}

// flattenIssues is ZodError#flatten: {formErrors, fieldErrors} keyed by the first path element.
func flattenIssues(z *zodIssues) ordered {
	formErrors := []string{}
	var keys []string
	messages := map[string][]string{}
	for _, issue := range z.issues {
		var p []any
		var message string
		for _, pair := range issue {
			switch pair.k {
			case "path":
				p, _ = pair.v.([]any)
			case "message":
				message, _ = pair.v.(string)
			}
		}
		if len(p) == 0 {
			formErrors = append(formErrors, message)
			continue
		}
		key := fmt.Sprint(p[0])
		if _, seen := messages[key]; !seen {
			keys = append(keys, key)
		}
		messages[key] = append(messages[key], message)
	}
	fieldErrors := ordered{}
	for _, key := range keys {
		fieldErrors = append(fieldErrors, kv{key, messages[key]})
	}
	return ordered{{"formErrors", formErrors}, {"fieldErrors", fieldErrors}}
}

// oidcProviderConfig builds an OIDC-family connector's providerConfig from its stored config:
// the config as the connector's guard parses it, then the discovery document's endpoints
// (its issuer replacing the configured one in place), then the scope with openid, profile and
// email added. ok is false when the config is invalid or the discovery document cannot be read.
func (s *Server) oidcProviderConfig(ctx context.Context, providerName string, config JSONObject) (ordered, bool) {
	google := providerName == ssoProviderGoogleWorkspace
	parsed, ok := parseOIDCConfig(config, google)
	if !ok {
		return nil, false
	}
	var scope *string
	out := ordered{}
	for _, pair := range parsed {
		switch pair.k {
		case "offlineAccess":
			continue
		case "scope":
			v, _ := pair.v.(string)
			scope = &v
		}
		out = append(out, pair)
	}
	issuer := googleIssuer
	if !google {
		issuer, _ = config["issuer"].(string)
	} else {
		out = append(out, kv{"issuer", googleIssuer})
	}
	doc, failed := s.fetchOIDCDiscovery(ctx, issuer)
	if failed != nil {
		return nil, false
	}
	for _, pair := range doc {
		out = out.set(pair.k, pair.v)
	}
	return out.set("scope", oidcScope(scope)), true
}

// oidcScope is Logto's scopePostProcessor: openid, profile and email first, then the configured
// scopes (split on spaces and '+'), without duplicates.
func oidcScope(scope *string) string {
	scopes := []string{"openid", "profile", "email"}
	if scope != nil {
		for _, s := range strings.FieldsFunc(*scope, func(r rune) bool { return r == ' ' || r == '+' }) {
			if !contains(scopes, s) {
				scopes = append(scopes, s)
			}
		}
	}
	return strings.Join(scopes, " ")
}

// set replaces the value of key in place, or appends it (JavaScript's object spread).
func (o ordered) set(key string, value any) ordered {
	for i := range o {
		if o[i].k == key {
			o[i].v = value
			return o
		}
	}
	return append(o, kv{key, value})
}

// checkSSOConnection is Logto's validateConnectorConfigConnectionStatus for a config that passed
// the provider's guard: OIDC-family connectors fetch their discovery document, SAML connectors
// read their IdP metadata. It returns the 400 answer, or nil when the IdP is usable.
func (s *Server) checkSSOConnection(ctx context.Context, providerName string, config JSONObject) reply {
	if isSAMLProvider(providerName) {
		_, failed := s.samlIdentityProvider(ctx, config)
		return failed
	}
	issuer := googleIssuer
	if providerName != ssoProviderGoogleWorkspace {
		issuer, _ = config["issuer"].(string)
	}
	_, failed := s.fetchOIDCDiscovery(ctx, issuer)
	return failed
}

// ssoProviderConfig builds providerConfig for a connector's detail answer, or nil when Logto
// would leave it out.
func (s *Server) ssoProviderConfig(ctx context.Context, endpoint string, c SSOConnector) ordered {
	if !isSAMLProvider(c.ProviderName) {
		out, ok := s.oidcProviderConfig(ctx, c.ProviderName, c.Config)
		if !ok {
			return nil
		}
		return out
	}
	out := ordered{
		{"defaultAttributeMapping", ordered{{"id", "nameID"}, {"email", "email"}, {"name", "name"}}},
		{"serviceProvider", ordered{
			{"entityId", endpoint + ssoServiceProviderPath + c.ID},
			{"assertionConsumerServiceUrl", endpoint + ssoAssertionConsumerPrefix + c.ID},
		}},
	}
	if config, ok := parseSAMLConfig(c.Config); ok {
		if idp, failed := s.samlIdentityProvider(ctx, config); failed == nil {
			out = append(out, kv{"identityProvider", idp})
		}
	}
	return out
}
