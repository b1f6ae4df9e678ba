package emulator

import "net/http"

// handleDiscovery is GET /oidc/.well-known/openid-configuration. The document is the one Logto
// OSS v1.42.0 serves, with every URL built from the request's origin.
func (s *Server) handleDiscovery(w http.ResponseWriter, r *http.Request) {
	iss := issuer(r)
	writeJSON(w, http.StatusOK, ordered{
		{"authorization_endpoint", iss + "/auth"},
		{"device_authorization_endpoint", iss + "/device/auth"},
		{"claims_parameter_supported", false},
		{"claims_supported", []string{
			"sub", "name", "family_name", "given_name", "middle_name", "nickname", "preferred_username",
			"profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at",
			"username", "created_at", "email", "email_verified", "phone_number", "phone_number_verified",
			"address", "custom_data", "identities", "sso_identities", "roles", "organizations",
			"organization_data", "organization_roles", "sid", "auth_time", "iss",
		}},
		{"code_challenge_methods_supported", []string{"S256"}},
		{"end_session_endpoint", iss + "/session/end"},
		{"grant_types_supported", []string{
			"implicit", "authorization_code", "refresh_token", "client_credentials",
			"urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:token-exchange",
		}},
		{"issuer", iss},
		{"jwks_uri", iss + "/jwks"},
		{"authorization_response_iss_parameter_supported", true},
		{"response_modes_supported", []string{"form_post", "fragment", "query"}},
		{"response_types_supported", []string{"code id_token", "code", "id_token", "none"}},
		{"scopes_supported", []string{
			"openid", "offline_access", "profile", "email", "phone", "address", "custom_data", "identities",
			"roles", "urn:logto:scope:organizations", "urn:logto:scope:organization_roles", "urn:logto:scope:sessions",
		}},
		{"subject_types_supported", []string{"public"}},
		{"token_endpoint_auth_methods_supported", []string{
			"client_secret_basic", "client_secret_jwt", "client_secret_post", "private_key_jwt", "none",
		}},
		{"token_endpoint_auth_signing_alg_values_supported", []string{"HS256", "RS256", "PS256", "ES256", "Ed25519", "EdDSA"}},
		{"token_endpoint", iss + "/token"},
		{"id_token_signing_alg_values_supported", []string{"ES384"}},
		{"pushed_authorization_request_endpoint", iss + "/request"},
		{"request_uri_parameter_supported", false},
		{"userinfo_endpoint", iss + "/me"},
		{"introspection_endpoint", iss + "/token/introspection"},
		{"revocation_endpoint", iss + "/token/revocation"},
		{"backchannel_logout_supported", true},
		{"backchannel_logout_session_supported", true},
		{"claim_types_supported", []string{"normal"}},
	})
}

// handleStatus is GET /api/status: 204 without a body and without authentication.
func (s *Server) handleStatus(w http.ResponseWriter, _ *http.Request) {
	w.WriteHeader(http.StatusNoContent)
}
