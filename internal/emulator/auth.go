package emulator

import (
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// tokenInfo is what the emulator remembers about an issued access token.
type tokenInfo struct {
	issuedAt  time.Time
	expiresAt time.Time
	scopes    []string
	revoked   bool
}

// tokenStore holds issued access tokens. Tokens are never forgotten: revoked and expired ones
// stay, so IssuedTokens can list every token a test must not find in logs.
type tokenStore struct {
	mu     sync.Mutex
	tokens map[string]*tokenInfo
	issued []string // every token, in issue order
}

// IssuedTokens returns every access token the emulator has issued, in issue order, revoked and
// expired ones included (also tokens whose answer a fault dropped or replaced). Log tests look
// for each of them.
func (s *Server) IssuedTokens() []string {
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	return append([]string(nil), s.tokens.issued...)
}

// RevokeTokens makes every access token issued so far invalid: the Management API answers them
// with 401 auth.unauthorized, as Logto does for a token signed by a key it no longer has. Tokens
// issued afterwards work.
func (s *Server) RevokeTokens() {
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	for _, info := range s.tokens.tokens {
		info.revoked = true
	}
}

// supportedGrantTypes are the grant types Logto's OIDC provider enables.
var supportedGrantTypes = map[string]bool{
	"authorization_code": true,
	"refresh_token":      true,
	"client_credentials": true,
	"urn:ietf:params:oauth:grant-type:device_code":    true,
	"urn:ietf:params:oauth:grant-type:token-exchange": true,
}

// handleToken is POST /oidc/token: client credentials for the configured client only.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "application/x-www-form-urlencoded" {
		s.oidcError(w, r, http.StatusBadRequest, "invalid_request", "only application/x-www-form-urlencoded content-type bodies are supported")
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 56*1024))
	if err != nil {
		s.oidcError(w, r, http.StatusBadRequest, "invalid_request", "failed to parse the request body")
		return
	}
	_, form := queryValues(parseQueryOrdered(string(raw)))
	param := func(name string) string {
		if values := form[name]; len(values) > 0 {
			return values[0]
		}
		return ""
	}

	clientID, secret, ok := s.clientCredentials(w, r, param)
	if !ok {
		return
	}
	if clientID != s.opts.ClientID {
		// Logto's OIDC adapter finds no such client and answers 400, whatever
		// the authentication method (checked against Logto 1.42).
		s.oidcError(w, r, http.StatusBadRequest, "invalid_client", "invalid client "+clientID)
		return
	}
	if subtle.ConstantTimeCompare([]byte(secret), []byte(s.opts.ClientSecret)) != 1 {
		s.oidcError(w, r, http.StatusUnauthorized, "invalid_client", "client authentication failed")
		return
	}

	grantType := param("grant_type")
	switch {
	case grantType == "":
		s.oidcError(w, r, http.StatusBadRequest, "invalid_request", "missing required parameter 'grant_type'")
		return
	case !supportedGrantTypes[grantType]:
		s.oidcError(w, r, http.StatusBadRequest, "unsupported_grant_type", "unsupported grant_type requested")
		return
	case grantType != "client_credentials":
		s.oidcError(w, r, http.StatusBadRequest, "invalid_request", "requested grant type is not allowed for this client")
		return
	}

	switch resource := param("resource"); {
	case resource == "" && param("organization_id") == "":
		s.oidcError(w, r, http.StatusBadRequest, "invalid_target", "both `resource` and `organization_id` are not provided")
		return
	case resource != s.opts.Resource:
		s.oidcError(w, r, http.StatusBadRequest, "invalid_target", "resource indicator is missing, or unknown")
		return
	}

	var granted []string
	for _, scope := range strings.Fields(param("scope")) {
		if scope == "all" && len(granted) == 0 {
			granted = append(granted, scope)
		}
	}
	token := newAccessToken()
	now := s.now()
	s.tokens.mu.Lock()
	if s.tokens.tokens == nil {
		s.tokens.tokens = map[string]*tokenInfo{}
	}
	s.tokens.tokens[token] = &tokenInfo{issuedAt: now, expiresAt: now.Add(s.opts.TokenTTL), scopes: granted}
	s.tokens.issued = append(s.tokens.issued, token)
	s.tokens.mu.Unlock()

	body := ordered{
		{"access_token", token},
		{"expires_in", int64(s.opts.TokenTTL / time.Second)},
		{"token_type", "Bearer"},
	}
	if len(granted) > 0 {
		body = append(body, kv{"scope", strings.Join(granted, " ")})
	}
	writeJSON(w, http.StatusOK, body)
}

// clientCredentials extracts the client id and secret from client_secret_post or
// client_secret_basic, answering oidc-provider's errors for malformed attempts.
func (s *Server) clientCredentials(w http.ResponseWriter, r *http.Request, param func(string) string) (string, string, bool) {
	authorization := r.Header.Get("Authorization")
	bodySecret := param("client_secret")
	if authorization != "" && bodySecret != "" {
		s.oidcError(w, r, http.StatusBadRequest, "invalid_request", "client authentication must only be provided using one mechanism")
		return "", "", false
	}
	clientID := param("client_id")
	if bodySecret != "" {
		if clientID == "" {
			s.oidcError(w, r, http.StatusBadRequest, "invalid_request", "no client authentication mechanism provided")
			return "", "", false
		}
		return clientID, bodySecret, true
	}
	if authorization == "" {
		if clientID == "" {
			s.oidcError(w, r, http.StatusBadRequest, "invalid_request", "no client authentication mechanism provided")
			return "", "", false
		}
		// A known client id without any secret: the client is registered for
		// client_secret_basic, so the "none" method does not match.
		s.oidcError(w, r, http.StatusUnauthorized, "invalid_client", "client authentication failed")
		return "", "", false
	}
	scheme, encoded, found := strings.Cut(authorization, " ")
	if !found || !strings.EqualFold(scheme, "basic") || strings.Contains(encoded, " ") {
		s.oidcError(w, r, http.StatusBadRequest, "invalid_request", "invalid authorization header value format")
		return "", "", false
	}
	decoded, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		decoded, err = base64.RawStdEncoding.DecodeString(encoded)
	}
	user, pass, hasColon := strings.Cut(string(decoded), ":")
	if err != nil || !hasColon {
		s.oidcError(w, r, http.StatusBadRequest, "invalid_request", "invalid authorization header value format")
		return "", "", false
	}
	basicID, errID := url.QueryUnescape(user)
	basicSecret, errSecret := url.QueryUnescape(pass)
	if errID != nil || errSecret != nil {
		s.oidcError(w, r, http.StatusBadRequest, "invalid_request", "client_id and client_secret in the authorization header are not properly encoded")
		return "", "", false
	}
	if clientID != "" && clientID != basicID {
		s.oidcError(w, r, http.StatusBadRequest, "invalid_request", "client_id mismatch")
		return "", "", false
	}
	if basicSecret == "" {
		s.oidcError(w, r, http.StatusBadRequest, "invalid_request", "client_secret must be provided in the Authorization header")
		return "", "", false
	}
	return basicID, basicSecret, true
}

// oidcError answers an oidc-provider error the way Logto's koa-oidc-error-handler decorates it:
// {code: "oidc.<error>", message, error, error_description}. A 401 to a request that carried an
// Authorization header also gets a WWW-Authenticate challenge.
func (s *Server) oidcError(w http.ResponseWriter, r *http.Request, status int, errorCode, description string) {
	code := "oidc." + errorCode
	message, ok := phrases[code]
	if !ok {
		message = fmt.Sprintf("An OIDC error occurred: %s.", code)
	}
	message = strings.ReplaceAll(message, "{{error_description}}", description)
	if status == http.StatusUnauthorized && r.Header.Get("Authorization") != "" {
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Basic realm=%q, error=%q, error_description=%q`,
			issuer(r), errorCode, description))
	}
	writeJSON(w, status, ordered{{"code", code}, {"message", message}, {"error", errorCode}, {"error_description", description}})
}

// authenticate checks the bearer token of a Management API request, answering Logto's 401/403
// bodies when it fails.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) bool {
	authorization := r.Header.Get("Authorization")
	if authorization == "" {
		writeError(w, http.StatusUnauthorized, "auth.authorization_header_missing")
		return false
	}
	if !strings.HasPrefix(authorization, "Bearer") {
		writeJSON(w, http.StatusUnauthorized, errorBody{
			Code:    "auth.authorization_token_type_not_supported",
			Data:    ordered{{"supportedTypes", []string{"Bearer"}}},
			Message: phrase("auth.authorization_token_type_not_supported"),
		})
		return false
	}
	token := ""
	if len(authorization) > len("Bearer ") {
		token = authorization[len("Bearer "):]
	}
	now := s.now()
	s.tokens.mu.Lock()
	info, known := s.tokens.tokens[token]
	var copied tokenInfo
	if known {
		copied = *info
	}
	s.tokens.mu.Unlock()

	var joseError ordered
	switch {
	case !known:
		joseError = ordered{{"code", "ERR_JWS_INVALID"}, {"name", "JWSInvalid"}}
	case copied.revoked:
		joseError = ordered{{"code", "ERR_JWKS_NO_MATCHING_KEY"}, {"name", "JWKSNoMatchingKey"}}
	case !now.Before(copied.expiresAt):
		joseError = ordered{
			{"code", "ERR_JWT_EXPIRED"}, {"name", "JWTExpired"}, {"claim", "exp"}, {"reason", "check_failed"},
			{"payload", ordered{
				{"sub", s.opts.ClientID}, {"iat", copied.issuedAt.Unix()}, {"exp", copied.expiresAt.Unix()},
				{"scope", strings.Join(copied.scopes, " ")}, {"client_id", s.opts.ClientID},
				{"iss", issuer(r)}, {"aud", s.opts.Resource},
			}},
		}
	}
	if joseError != nil {
		writeJSON(w, http.StatusUnauthorized, errorBody{Code: "auth.unauthorized", Data: joseError, Message: phrase("auth.unauthorized")})
		return false
	}
	for _, scope := range copied.scopes {
		if scope == "all" {
			return true
		}
	}
	writeError(w, http.StatusForbidden, "auth.forbidden")
	return false
}

// origin is the request's scheme and host, as Koa's request.URL.origin.
func origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if proto := r.Header.Get("X-Forwarded-Proto"); proto != "" {
		scheme, _, _ = strings.Cut(proto, ",")
		scheme = strings.TrimSpace(scheme)
	}
	return scheme + "://" + r.Host
}

// issuer is the OIDC issuer for a request: "<origin>/oidc".
func issuer(r *http.Request) string { return origin(r) + "/oidc" }
