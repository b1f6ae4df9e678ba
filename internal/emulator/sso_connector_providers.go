package emulator

import (
	_ "embed" // the provider table below
	"encoding/json"
	"net/http"
)

// SSO provider names (Logto's SsoProviderName).
const (
	ssoProviderOIDC            = "OIDC"
	ssoProviderSAML            = "SAML"
	ssoProviderAzureAD         = "AzureAD"
	ssoProviderAzureAdOidc     = "AzureAdOidc"
	ssoProviderGoogleWorkspace = "GoogleWorkspace"
	ssoProviderOkta            = "Okta"
)

// googleIssuer is the fixed issuer of Google Workspace connectors.
const googleIssuer = "https://accounts.google.com"

// ssoProviderDetail is one entry of GET /api/sso-connector-providers, keys in Logto's order.
type ssoProviderDetail struct {
	ProviderName string `json:"providerName"`
	ProviderType string `json:"providerType"`
	Logo         string `json:"logo"`
	LogoDark     string `json:"logoDark"`
	Description  string `json:"description"`
	Name         string `json:"name"`
}

// ssoConnectorProvidersJSON is the English answer of Logto OSS v1.42.0, taken from the captured
// sample 06: the six providers in Logto's order, with their data-URI logos.
//
//go:embed sso_connector_providers.json
var ssoConnectorProvidersJSON []byte

// ssoProviders is the provider table, in Logto's order.
var ssoProviders = func() []ssoProviderDetail {
	var out []ssoProviderDetail
	if err := json.Unmarshal(ssoConnectorProvidersJSON, &out); err != nil {
		panic("emulator: sso_connector_providers.json: " + err.Error())
	}
	return out
}()

// ssoProvider returns the provider with the given name. Names are case-sensitive.
func ssoProvider(name string) (ssoProviderDetail, bool) {
	for _, p := range ssoProviders {
		if p.ProviderName == name {
			return p, true
		}
	}
	return ssoProviderDetail{}, false
}

// listSSOConnectorProviders is GET /api/sso-connector-providers. Logto translates name and
// description into the request's locale; the emulator always answers in English.
func (s *Server) listSSOConnectorProviders(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, ssoProviders)
}
