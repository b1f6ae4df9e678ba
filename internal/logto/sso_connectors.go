package logto

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
)

// Enterprise SSO provider names accepted by Logto (GET /api/sso-connector-providers).
const (
	SSOProviderOIDC            = "OIDC"
	SSOProviderSAML            = "SAML"
	SSOProviderAzureAD         = "AzureAD"     // Microsoft Entra ID with SAML
	SSOProviderAzureAdOidc     = "AzureAdOidc" // Microsoft Entra ID with OpenID Connect
	SSOProviderGoogleWorkspace = "GoogleWorkspace"
	SSOProviderOkta            = "Okta"
)

// SSOProviderNames lists the six enterprise SSO providers, in Logto's order.
var SSOProviderNames = []string{
	SSOProviderOIDC, SSOProviderSAML, SSOProviderAzureAD,
	SSOProviderAzureAdOidc, SSOProviderGoogleWorkspace, SSOProviderOkta,
}

// IsSAMLProvider reports whether connectors of a provider are configured
// with SAML (SAML, AzureAD); the others use OpenID Connect.
func IsSAMLProvider(providerName string) bool {
	return providerName == SSOProviderSAML || providerName == SSOProviderAzureAD
}

// SSOConnector is an enterprise SSO connector as the Management API returns
// it. The create answer is the stored row only; GET, PATCH and the list add
// the provider's details and, when the identity provider could be read,
// ProviderConfig.
type SSOConnector struct {
	ID            string `json:"id"`
	ProviderName  string `json:"providerName"`
	ConnectorName string `json:"connectorName"`
	// Config is the provider configuration as Logto stores it (the client
	// secret in clear); decode it with OIDCConfig or SAMLConfig. PATCH
	// replaces it as a whole.
	Config             json.RawMessage `json:"config"`
	Domains            []string        `json:"domains"`
	Branding           SSOBranding     `json:"branding"`
	SyncProfile        bool            `json:"syncProfile"`
	EnableTokenStorage bool            `json:"enableTokenStorage"`
	CreatedAt          int64           `json:"createdAt"`
	// ProviderType is "oidc" or "saml" (not in the create answer).
	ProviderType string `json:"providerType,omitempty"`
	// ProviderConfig is what Logto derived from the configuration: the
	// discovery document's endpoints (OIDC family), or the service provider
	// and identity provider metadata (SAML family). Absent from the create
	// answer, and whenever Logto could not read the identity provider.
	ProviderConfig json.RawMessage `json:"providerConfig,omitempty"`
}

// SSOBranding is a connector's branding on the sign-in page. PATCH replaces
// it as a whole: nil fields are left out, and so removed.
type SSOBranding struct {
	DisplayName *string `json:"displayName,omitempty"`
	Logo        *string `json:"logo,omitempty"`
	DarkLogo    *string `json:"darkLogo,omitempty"`
}

// SSOOIDCConfig is the config of an OIDC-family connector (OIDC, AzureAdOidc,
// GoogleWorkspace, Okta). Logto requires clientId and clientSecret, and
// issuer except for Google Workspace, whose issuer is fixed. Fields this
// client does not model (Google Workspace's offlineAccess, keys of later Logto
// versions) are kept in Extra and sent back unchanged.
type SSOOIDCConfig struct {
	ClientID             *string `json:"clientId,omitempty"`
	ClientSecret         *string `json:"clientSecret,omitempty"`
	Issuer               *string `json:"issuer,omitempty"`
	Scope                *string `json:"scope,omitempty"`
	TrustUnverifiedEmail *bool   `json:"trustUnverifiedEmail,omitempty"`
	// Extra holds the other keys of the stored config.
	Extra map[string]json.RawMessage `json:"-"`
}

// SSOSAMLConfig is the config of a SAML-family connector (SAML, AzureAD): the
// identity provider's metadata URL, its metadata XML, or its entity ID,
// sign-in endpoint and signing certificate given one by one.
type SSOSAMLConfig struct {
	MetadataURL      *string              `json:"metadataUrl,omitempty"`
	Metadata         *string              `json:"metadata,omitempty"`
	EntityID         *string              `json:"entityId,omitempty"`
	SignInEndpoint   *string              `json:"signInEndpoint,omitempty"`
	X509Certificate  *string              `json:"x509Certificate,omitempty"`
	AttributeMapping *SSOAttributeMapping `json:"attributeMapping,omitempty"`
	// Extra holds the other keys of the stored config.
	Extra map[string]json.RawMessage `json:"-"`
}

// SSOAttributeMapping maps Logto's user fields to SAML assertion attributes.
type SSOAttributeMapping struct {
	ID    *string `json:"id,omitempty"`
	Email *string `json:"email,omitempty"`
	Name  *string `json:"name,omitempty"`
	// Extra holds the mappings of other fields.
	Extra map[string]json.RawMessage `json:"-"`
}

var (
	ssoOIDCConfigKeys       = jsonKeys(reflect.TypeFor[SSOOIDCConfig]())
	ssoSAMLConfigKeys       = jsonKeys(reflect.TypeFor[SSOSAMLConfig]())
	ssoAttributeMappingKeys = jsonKeys(reflect.TypeFor[SSOAttributeMapping]())
)

// MarshalJSON encodes the known fields over Extra.
func (c SSOOIDCConfig) MarshalJSON() ([]byte, error) {
	type plain SSOOIDCConfig
	return marshalWithExtra(plain(c), c.Extra, ssoOIDCConfigKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (c *SSOOIDCConfig) UnmarshalJSON(data []byte) error {
	type plain SSOOIDCConfig
	var p plain
	extra, err := unmarshalWithExtra(data, &p, ssoOIDCConfigKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*c = SSOOIDCConfig(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (c SSOSAMLConfig) MarshalJSON() ([]byte, error) {
	type plain SSOSAMLConfig
	return marshalWithExtra(plain(c), c.Extra, ssoSAMLConfigKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (c *SSOSAMLConfig) UnmarshalJSON(data []byte) error {
	type plain SSOSAMLConfig
	var p plain
	extra, err := unmarshalWithExtra(data, &p, ssoSAMLConfigKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*c = SSOSAMLConfig(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (m SSOAttributeMapping) MarshalJSON() ([]byte, error) {
	type plain SSOAttributeMapping
	return marshalWithExtra(plain(m), m.Extra, ssoAttributeMappingKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (m *SSOAttributeMapping) UnmarshalJSON(data []byte) error {
	type plain SSOAttributeMapping
	var p plain
	extra, err := unmarshalWithExtra(data, &p, ssoAttributeMappingKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*m = SSOAttributeMapping(p)
	return nil
}

// HasConfig reports whether the connector has a non-empty config (Logto
// stores {} for a connector created without one).
func (c *SSOConnector) HasConfig() bool {
	trimmed := bytes.TrimSpace(c.Config)
	return len(trimmed) > 0 && !bytes.Equal(trimmed, []byte("null")) && !bytes.Equal(trimmed, []byte("{}"))
}

// OIDCConfig decodes the config of an OIDC-family connector.
func (c *SSOConnector) OIDCConfig() (*SSOOIDCConfig, error) {
	var out SSOOIDCConfig
	if err := decodeConfig(c.Config, &out); err != nil {
		return nil, fmt.Errorf("logto: SSO connector %s: decoding its OIDC config: %w", c.ID, err)
	}
	return &out, nil
}

// SAMLConfig decodes the config of a SAML-family connector.
func (c *SSOConnector) SAMLConfig() (*SSOSAMLConfig, error) {
	var out SSOSAMLConfig
	if err := decodeConfig(c.Config, &out); err != nil {
		return nil, fmt.Errorf("logto: SSO connector %s: decoding its SAML config: %w", c.ID, err)
	}
	return &out, nil
}

func decodeConfig(raw json.RawMessage, out any) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	return json.Unmarshal(raw, out)
}

// SSOServiceProvider is Logto's side of a SAML connection, as the identity
// provider must be told: Logto's entity ID and its assertion consumer service
// (ACS) URL, both built by Logto from its own endpoint and the connector id.
type SSOServiceProvider struct {
	EntityID                    string `json:"entityId"`
	AssertionConsumerServiceURL string `json:"assertionConsumerServiceUrl"`
}

// SAMLServiceProvider returns providerConfig.serviceProvider of a SAML-family
// connector, or nil when the answer has none (the create answer, an OIDC
// connector).
func (c *SSOConnector) SAMLServiceProvider() *SSOServiceProvider {
	if len(c.ProviderConfig) == 0 {
		return nil
	}
	var pc struct {
		ServiceProvider *SSOServiceProvider `json:"serviceProvider"`
	}
	if err := json.Unmarshal(c.ProviderConfig, &pc); err != nil || pc.ServiceProvider == nil {
		return nil
	}
	if pc.ServiceProvider.EntityID == "" && pc.ServiceProvider.AssertionConsumerServiceURL == "" {
		return nil
	}
	return pc.ServiceProvider
}

// SSOConnectorCreate is the body of POST /api/sso-connectors. Config is the
// JSON of an SSOOIDCConfig or SSOSAMLConfig; Logto validates it with the
// provider's guard and contacts the identity provider before it stores
// anything (400 connector.invalid_config / invalid_metadata /
// invalid_certificate).
type SSOConnectorCreate struct {
	ProviderName       string          `json:"providerName"`
	ConnectorName      string          `json:"connectorName"`
	Config             json.RawMessage `json:"config,omitempty"`
	Domains            []string        `json:"domains,omitempty"`
	Branding           *SSOBranding    `json:"branding,omitempty"`
	SyncProfile        *bool           `json:"syncProfile,omitempty"`
	EnableTokenStorage *bool           `json:"enableTokenStorage,omitempty"`
}

// SSOConnectorPatch is the body of PATCH /api/sso-connectors/{id}. Every
// given field replaces the stored value whole: Config must be the complete
// configuration (Logto validates it again, secret included, and contacts the
// identity provider again), Branding the complete branding. The provider of
// a connector cannot change.
type SSOConnectorPatch struct {
	ConnectorName *string         `json:"connectorName,omitempty"`
	Config        json.RawMessage `json:"config,omitempty"`
	// Domains replaces the domains; a pointer to an empty slice clears them.
	Domains            *[]string    `json:"domains,omitempty"`
	Branding           *SSOBranding `json:"branding,omitempty"`
	SyncProfile        *bool        `json:"syncProfile,omitempty"`
	EnableTokenStorage *bool        `json:"enableTokenStorage,omitempty"`
}

// IsEmpty reports whether the patch changes nothing.
func (p *SSOConnectorPatch) IsEmpty() bool {
	return p.ConnectorName == nil && p.Config == nil && p.Domains == nil && p.Branding == nil &&
		p.SyncProfile == nil && p.EnableTokenStorage == nil
}

// SSOConnectorProvider is one entry of GET /api/sso-connector-providers.
type SSOConnectorProvider struct {
	ProviderName string `json:"providerName"`
	ProviderType string `json:"providerType"`
	Name         string `json:"name"`
	Description  string `json:"description"`
	Logo         string `json:"logo"`
	LogoDark     string `json:"logoDark"`
}

func ssoConnectorPath(id string) string { return "/api/sso-connectors/" + url.PathEscape(id) }

// CreateSSOConnector creates an SSO connector. Connector names are unique in
// Logto (409 single_sign_on.duplicate_connector_name), so when the answer is
// lost the connector is looked up by exact name among those created since the
// request was sent and adopted before the request is sent again (see create).
func (c *Client) CreateSSOConnector(ctx context.Context, in SSOConnectorCreate) (*SSOConnector, error) {
	return create(ctx, c, createSpec[SSOConnector]{
		path: "/api/sso-connectors",
		in:   in,
		what: "SSO connector",
		key:  func(s *SSOConnector) string { return "sso-connector/" + s.ID },
		find: func(ctx context.Context) ([]SSOConnector, error) {
			return c.SSOConnectorsNamed(ctx, in.ConnectorName)
		},
		createdAt: func(s *SSOConnector) int64 { return s.CreatedAt },
	})
}

// GetSSOConnector reads one SSO connector, with its providerConfig when Logto
// could read the identity provider.
func (c *Client) GetSSOConnector(ctx context.Context, id string) (*SSOConnector, error) {
	var out SSOConnector
	if err := c.do(ctx, http.MethodGet, ssoConnectorPath(id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateSSOConnector patches an SSO connector and returns it as the server
// has it after the update (Logto answers the updated row). The request names
// the connector by id and sets fields, so it is repeatable.
func (c *Client) UpdateSSOConnector(ctx context.Context, id string, in SSOConnectorPatch) (*SSOConnector, error) {
	if in.Domains != nil && *in.Domains == nil {
		in.Domains = &[]string{} // [] clears; null would be refused
	}
	var out SSOConnector
	if err := c.do(ctx, http.MethodPatch, ssoConnectorPath(id), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteSSOConnector deletes an SSO connector.
func (c *Client) DeleteSSOConnector(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, ssoConnectorPath(id), nil, nil, nil)
}

// ListSSOConnectors reads every page of GET /api/sso-connectors. Logto reads
// every listed connector's identity provider to build the answer, so a long
// list is slow.
func (c *Client) ListSSOConnectors(ctx context.Context) ([]SSOConnector, error) {
	return listAll(ctx, c, "/api/sso-connectors", nil, func(s *SSOConnector) string { return s.ID })
}

// SSOConnectorsNamed returns the SSO connectors named exactly name (at most
// one: Logto keeps connector names unique). The list has no search, so every
// page is read and matched here.
func (c *Client) SSOConnectorsNamed(ctx context.Context, name string) ([]SSOConnector, error) {
	all, err := c.ListSSOConnectors(ctx)
	if err != nil {
		return nil, err
	}
	var out []SSOConnector
	for _, s := range all {
		if s.ConnectorName == name {
			out = append(out, s)
		}
	}
	return out, nil
}

// ListSSOConnectorProviders reads GET /api/sso-connector-providers (not
// paged).
func (c *Client) ListSSOConnectorProviders(ctx context.Context) ([]SSOConnectorProvider, error) {
	var out []SSOConnectorProvider
	if err := c.do(ctx, http.MethodGet, "/api/sso-connector-providers", nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}
