package emulator

// Application types, as Logto's application_type enum lists them.
const (
	typeNative       = "Native"
	typeSPA          = "SPA"
	typeTraditional  = "Traditional"
	typeM2M          = "MachineToMachine"
	typeProtected    = "Protected"
	typeSAML         = "SAML"
	defaultTenantID  = "default"
	defaultSecretKey = "Default secret"
)

// applicationTypes is the enum in Logto's order (it shows in validation messages).
var applicationTypes = []string{typeNative, typeSPA, typeTraditional, typeM2M, typeProtected, typeSAML}

// hasSecrets reports whether an application type carries application secrets (Logto's
// hasSecrets and the application_secrets check constraint).
func hasSecrets(appType string) bool {
	return appType == typeTraditional || appType == typeM2M || appType == typeProtected
}

// Application is an application as the Management API returns it. Field order and JSON names
// match Logto's answers.
type Application struct {
	// TenantID is the tenant; "default" on self-hosted Logto.
	TenantID string `json:"tenantId"`
	// ID is the server-generated id: 21 lowercase letters and digits.
	ID string `json:"id"`
	// Name is the display name (1–256 characters; not unique).
	Name string `json:"name"`
	// Description is optional; null when not set.
	Description *string `json:"description"`
	// Type is Native, SPA, Traditional, MachineToMachine, Protected or SAML; it cannot change.
	Type string `json:"type"`
	// OIDCClientMetadata holds the redirect URIs and other OIDC client settings.
	OIDCClientMetadata OIDCClientMetadata `json:"oidcClientMetadata"`
	// CustomClientMetadata holds Logto's extra client settings (token lifetimes, CORS…).
	CustomClientMetadata CustomClientMetadata `json:"customClientMetadata"`
	// ProtectedAppMetadata is set for Protected applications only.
	ProtectedAppMetadata *ProtectedAppMetadata `json:"protectedAppMetadata"`
	// CustomData is free-form JSON.
	CustomData JSONObject `json:"customData"`
	// IsThirdParty marks third-party (OIDC consent) applications; fixed at creation.
	IsThirdParty bool `json:"isThirdParty"`
	// AppLevelAccessControlEnabled is Logto's application-level access control switch.
	AppLevelAccessControlEnabled bool `json:"appLevelAccessControlEnabled"`
	// CreatedAt is the creation time in milliseconds since the Unix epoch.
	CreatedAt int64 `json:"createdAt"`
}

// OIDCClientMetadata is an application's oidcClientMetadata. PATCH replaces it as a whole.
type OIDCClientMetadata struct {
	// RedirectURIs are the allowed redirect URIs (never null).
	RedirectURIs []string `json:"redirectUris"`
	// PostLogoutRedirectURIs are the allowed post-logout redirect URIs (never null).
	PostLogoutRedirectURIs []string `json:"postLogoutRedirectUris"`
	// BackchannelLogoutURI is the OIDC back-channel logout URI.
	BackchannelLogoutURI *string `json:"backchannelLogoutUri,omitempty"`
	// BackchannelLogoutSessionRequired asks for a sid in logout tokens.
	BackchannelLogoutSessionRequired *bool `json:"backchannelLogoutSessionRequired,omitempty"`
	// LogoURI is the application's logo.
	LogoURI *string `json:"logoUri,omitempty"`
}

// CustomClientMetadata is an application's customClientMetadata; unknown keys are dropped, as
// zod does. PATCH replaces it as a whole. Nil fields are absent from the JSON.
type CustomClientMetadata struct {
	// CorsAllowedOrigins are the origins allowed to call Logto from a browser.
	CorsAllowedOrigins *[]string `json:"corsAllowedOrigins,omitempty"`
	// IDTokenTTL is the ID token lifetime in seconds.
	IDTokenTTL *float64 `json:"idTokenTtl,omitempty"`
	// RefreshTokenTTL is the deprecated refresh token lifetime in seconds.
	RefreshTokenTTL *float64 `json:"refreshTokenTtl,omitempty"`
	// RefreshTokenTTLInDays is the refresh token lifetime in days (whole number, 1–180).
	RefreshTokenTTLInDays *float64 `json:"refreshTokenTtlInDays,omitempty"`
	// TenantID is an internal tenant marker.
	TenantID *string `json:"tenantId,omitempty"`
	// AlwaysIssueRefreshToken issues refresh tokens without prompt=consent.
	AlwaysIssueRefreshToken *bool `json:"alwaysIssueRefreshToken,omitempty"`
	// RotateRefreshToken rotates refresh tokens when they are used.
	RotateRefreshToken *bool `json:"rotateRefreshToken,omitempty"`
	// AllowTokenExchange allows token exchange requests (first-party apps only).
	AllowTokenExchange *bool `json:"allowTokenExchange,omitempty"`
	// IsDeviceFlow selects the device authorization grant (Native apps, fixed at creation).
	IsDeviceFlow *bool `json:"isDeviceFlow,omitempty"`
	// MaxAllowedGrants caps the active sessions per user (positive whole number).
	MaxAllowedGrants *float64 `json:"maxAllowedGrants,omitempty"`
}

// ProtectedAppMetadata is the protectedAppMetadata of a Protected application.
type ProtectedAppMetadata struct {
	// Host is "<subDomain>.<protected app domain>".
	Host string `json:"host"`
	// Origin is the protected site's origin.
	Origin string `json:"origin"`
	// SessionDuration is the session lifetime in seconds (default 14 days).
	SessionDuration float64 `json:"sessionDuration"`
	// PageRules are the protected path patterns.
	PageRules []PageRule `json:"pageRules"`
	// AdditionalScopes are extra user scopes the protected app requests.
	AdditionalScopes *[]string `json:"additionalScopes,omitempty"`
}

// PageRule is one protected path pattern of a Protected application.
type PageRule struct {
	// Path is a regular expression matched against request paths.
	Path string `json:"path"`
}

// appRecord is an application and what the emulator keeps beside it.
type appRecord struct {
	App     Application `json:"application"`
	IsAdmin bool        `json:"isAdmin"`
	seq     int64       // insertion order, breaks createdAt ties (newest first)
}

// appSecret is one named application secret.
type appSecret struct {
	TenantID      string `json:"tenantId"`
	ApplicationID string `json:"applicationId"`
	Name          string `json:"name"`
	Value         string `json:"value"`
	CreatedAt     int64  `json:"createdAt"`
	ExpiresAt     *int64 `json:"expiresAt"`
}

// clone deep-copies an application so callers never share memory with the store.
func (a Application) clone() Application {
	out := a
	out.Description = clonePtr(a.Description)
	out.OIDCClientMetadata = a.OIDCClientMetadata.clone()
	out.CustomClientMetadata = a.CustomClientMetadata.clone()
	if a.ProtectedAppMetadata != nil {
		p := *a.ProtectedAppMetadata
		p.PageRules = append([]PageRule{}, a.ProtectedAppMetadata.PageRules...)
		p.AdditionalScopes = cloneSlicePtr(a.ProtectedAppMetadata.AdditionalScopes)
		out.ProtectedAppMetadata = &p
	}
	out.CustomData = JSONObject(cloneObject(a.CustomData))
	return out
}

func (m OIDCClientMetadata) clone() OIDCClientMetadata {
	out := m
	out.RedirectURIs = append([]string{}, m.RedirectURIs...)
	out.PostLogoutRedirectURIs = append([]string{}, m.PostLogoutRedirectURIs...)
	out.BackchannelLogoutURI = clonePtr(m.BackchannelLogoutURI)
	out.BackchannelLogoutSessionRequired = clonePtr(m.BackchannelLogoutSessionRequired)
	out.LogoURI = clonePtr(m.LogoURI)
	return out
}

func (m CustomClientMetadata) clone() CustomClientMetadata {
	return CustomClientMetadata{
		CorsAllowedOrigins:      cloneSlicePtr(m.CorsAllowedOrigins),
		IDTokenTTL:              clonePtr(m.IDTokenTTL),
		RefreshTokenTTL:         clonePtr(m.RefreshTokenTTL),
		RefreshTokenTTLInDays:   clonePtr(m.RefreshTokenTTLInDays),
		TenantID:                clonePtr(m.TenantID),
		AlwaysIssueRefreshToken: clonePtr(m.AlwaysIssueRefreshToken),
		RotateRefreshToken:      clonePtr(m.RotateRefreshToken),
		AllowTokenExchange:      clonePtr(m.AllowTokenExchange),
		IsDeviceFlow:            clonePtr(m.IsDeviceFlow),
		MaxAllowedGrants:        clonePtr(m.MaxAllowedGrants),
	}
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func cloneSlicePtr(p *[]string) *[]string {
	if p == nil {
		return nil
	}
	out := append([]string{}, (*p)...)
	return &out
}

// withIsAdmin is the GET /applications/{id} answer: the application plus isAdmin.
type withIsAdmin struct {
	Application
	IsAdmin bool `json:"isAdmin"`
}
