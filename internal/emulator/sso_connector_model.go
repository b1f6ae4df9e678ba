package emulator

import (
	"net/http"
	"sort"
)

// SSOConnector is an enterprise SSO connector as the Management API returns it when it is
// created. Field order and JSON names match Logto's answers.
type SSOConnector struct {
	// TenantID is the tenant; "default" on self-hosted Logto.
	TenantID string `json:"tenantId"`
	// ID is the server-generated id: 12 lowercase letters and digits.
	ID string `json:"id"`
	// ProviderName is OIDC, SAML, AzureAD, AzureAdOidc, GoogleWorkspace or Okta; it cannot change.
	ProviderName string `json:"providerName"`
	// ConnectorName is the unique display name (1–128 characters).
	ConnectorName string `json:"connectorName"`
	// Config is the provider configuration as stored: validated by the provider's guard, unknown
	// keys dropped, defaults added (trustUnverifiedEmail). PATCH replaces it as a whole.
	Config JSONObject `json:"config"`
	// Domains are the email domains routed to the connector, lowercased (never null).
	Domains []string `json:"domains"`
	// Branding holds the display name and logos shown on the sign-in page.
	Branding SSOBranding `json:"branding"`
	// SyncProfile synchronizes the user's profile at each sign-in.
	SyncProfile bool `json:"syncProfile"`
	// EnableTokenStorage keeps the identity provider's tokens (needs a secret vault; OIDC only).
	EnableTokenStorage bool `json:"enableTokenStorage"`
	// CreatedAt is the creation time in milliseconds since the Unix epoch.
	CreatedAt int64 `json:"createdAt"`
}

// SSOBranding is an SSO connector's branding; PATCH replaces it as a whole. Nil fields are
// absent from the JSON.
type SSOBranding struct {
	// DisplayName replaces the provider name on the sign-in button.
	DisplayName *string `json:"displayName,omitempty"`
	// Logo is the logo URL for the light theme.
	Logo *string `json:"logo,omitempty"`
	// DarkLogo is the logo URL for the dark theme.
	DarkLogo *string `json:"darkLogo,omitempty"`
}

// ssoConnectorRecord is a connector and its position in the table.
type ssoConnectorRecord struct {
	Connector SSOConnector `json:"connector"`
	// seq is the row's physical position: Logto lists SSO connectors without ORDER BY, and
	// PostgreSQL returns rows in heap order, where an updated row usually moves to the end.
	seq int64
}

// ssoState is what the SSO connector and sign-in experience areas keep in a Server. Every
// field is guarded by Server.mu; the zero value is ready to use.
type ssoState struct {
	connectors map[string]*ssoConnectorRecord
	seq        int64
	// signInExp is nil until first used; it then starts from Logto's defaults.
	signInExp *SignInExperience
	// idpClient makes the requests to identity providers; nil means defaultIdPClient.
	idpClient *http.Client
}

// ssoConnectorDetail is the answer of GET, PATCH and the list: the connector, the provider's
// display details and, when the identity provider could be read, providerConfig.
type ssoConnectorDetail struct {
	SSOConnector
	Name             string  `json:"name"`
	ProviderType     string  `json:"providerType"`
	ProviderLogo     string  `json:"providerLogo"`
	ProviderLogoDark string  `json:"providerLogoDark"`
	ProviderConfig   ordered `json:"providerConfig,omitempty"`
}

// clone deep-copies a connector so callers never share memory with the store.
func (c SSOConnector) clone() SSOConnector {
	out := c
	out.Config = JSONObject(cloneObject(c.Config))
	out.Domains = append([]string{}, c.Domains...)
	out.Branding = SSOBranding{
		DisplayName: clonePtr(c.Branding.DisplayName),
		Logo:        clonePtr(c.Branding.Logo),
		DarkLogo:    clonePtr(c.Branding.DarkLogo),
	}
	return out
}

// normalizeSSOConnector restores the non-null defaults JSON may have lost.
func normalizeSSOConnector(c *SSOConnector) {
	if c.Config == nil {
		c.Config = JSONObject{}
	}
	if c.Domains == nil {
		c.Domains = []string{}
	}
	if c.TenantID == "" {
		c.TenantID = defaultTenantID
	}
}

// putSSOConnectorLocked stores a connector at the end of the table. The caller holds s.mu.
func (s *Server) putSSOConnectorLocked(c SSOConnector) {
	if s.sso.connectors == nil {
		s.sso.connectors = map[string]*ssoConnectorRecord{}
	}
	s.sso.seq++
	s.sso.connectors[c.ID] = &ssoConnectorRecord{Connector: c, seq: s.sso.seq}
}

// ssoConnectorByNameLocked finds a connector by its exact name. The caller holds s.mu.
func (s *Server) ssoConnectorByNameLocked(name string) *ssoConnectorRecord {
	for _, rec := range s.sso.connectors {
		if rec.Connector.ConnectorName == name {
			return rec
		}
	}
	return nil
}

// sortedSSOConnectorsLocked returns the records in table order. The caller holds s.mu.
func (s *Server) sortedSSOConnectorsLocked() []*ssoConnectorRecord {
	records := make([]*ssoConnectorRecord, 0, len(s.sso.connectors))
	for _, rec := range s.sso.connectors {
		records = append(records, rec)
	}
	sort.Slice(records, func(i, j int) bool { return records[i].seq < records[j].seq })
	return records
}
