package logto

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// Application types accepted by Logto's Management API.
const (
	ApplicationTypeNative           = "Native"
	ApplicationTypeSPA              = "SPA"
	ApplicationTypeTraditional      = "Traditional"
	ApplicationTypeMachineToMachine = "MachineToMachine"
	ApplicationTypeProtected        = "Protected"
)

// DefaultSecretName is the name of the secret Logto creates together with
// applications of the types that have secrets.
const DefaultSecretName = "Default secret"

// ApplicationHasSecrets reports whether applications of the given type carry
// secrets (Logto answers 422 when a secret is created for the other types).
func ApplicationHasSecrets(appType string) bool {
	switch appType {
	case ApplicationTypeTraditional, ApplicationTypeMachineToMachine, ApplicationTypeProtected:
		return true
	}
	return false
}

// Application is an application as the Management API returns it.
type Application struct {
	ID                   string                `json:"id"`
	Name                 string                `json:"name"`
	Description          *string               `json:"description"`
	Type                 string                `json:"type"`
	OIDCClientMetadata   OIDCClientMetadata    `json:"oidcClientMetadata"`
	CustomClientMetadata CustomClientMetadata  `json:"customClientMetadata"`
	ProtectedAppMetadata *ProtectedAppMetadata `json:"protectedAppMetadata"`
	CustomData           json.RawMessage       `json:"customData"`
	IsThirdParty         bool                  `json:"isThirdParty"`
	CreatedAt            int64                 `json:"createdAt"`
}

// ProtectedAppMetadata is the configuration of a Protected application.
type ProtectedAppMetadata struct {
	Host            string `json:"host"`
	Origin          string `json:"origin"`
	SessionDuration int64  `json:"sessionDuration,omitempty"`
	// Extra holds the fields this client does not model.
	Extra map[string]json.RawMessage `json:"-"`
}

// ProtectedAppCreate is what a Protected application needs at creation.
type ProtectedAppCreate struct {
	SubDomain string `json:"subDomain"`
	Origin    string `json:"origin"`
}

// ApplicationCreate is the body of POST /api/applications.
type ApplicationCreate struct {
	Name                 string                `json:"name"`
	Type                 string                `json:"type"`
	Description          *string               `json:"description,omitempty"`
	OIDCClientMetadata   *OIDCClientMetadata   `json:"oidcClientMetadata,omitempty"`
	CustomClientMetadata *CustomClientMetadata `json:"customClientMetadata,omitempty"`
	ProtectedAppMetadata *ProtectedAppCreate   `json:"protectedAppMetadata,omitempty"`
	CustomData           json.RawMessage       `json:"customData,omitempty"`
	IsThirdParty         *bool                 `json:"isThirdParty,omitempty"`
}

// ApplicationPatch is the body of PATCH /api/applications/{id}. Logto replaces
// oidcClientMetadata, customClientMetadata and customData as whole objects, so
// callers send the complete objects (see Client.GetApplication).
type ApplicationPatch struct {
	Name                 *string               `json:"name,omitempty"`
	Description          Nullable[string]      `json:"description,omitzero"`
	OIDCClientMetadata   *OIDCClientMetadata   `json:"oidcClientMetadata,omitempty"`
	CustomClientMetadata *CustomClientMetadata `json:"customClientMetadata,omitempty"`
	CustomData           json.RawMessage       `json:"customData,omitempty"`
	// ProtectedAppMetadata is merged by Logto into the stored metadata.
	ProtectedAppMetadata *ProtectedAppPatch `json:"protectedAppMetadata,omitempty"`
}

// ProtectedAppPatch is the part of a Protected application's metadata that
// PATCH can change.
type ProtectedAppPatch struct {
	Origin          *string `json:"origin,omitempty"`
	SessionDuration *int64  `json:"sessionDuration,omitempty"`
}

// ListApplicationsOptions filters GET /api/applications.
type ListApplicationsOptions struct {
	// Types keeps applications of these types only.
	Types []string
	// Search is Logto's `search` parameter: a case-insensitive SQL LIKE
	// pattern matched against the whole id, name or description (no implied
	// wildcards; `%` and `_` are wildcards, `\` escapes). Callers filter the
	// answer for exact matches.
	Search string
}

// CreateApplication creates an application. When the answer is lost, the
// application is looked up by exact name and type among those created since
// the request was sent (names may repeat in Logto) and adopted if exactly one
// matches, before the request is sent again (see create).
func (c *Client) CreateApplication(ctx context.Context, in ApplicationCreate) (*Application, error) {
	return create(ctx, c, createSpec[Application]{
		path: "/api/applications",
		in:   in,
		what: "application",
		key:  func(a *Application) string { return a.ID },
		find: func(ctx context.Context) ([]Application, error) {
			return c.ListApplicationsNamed(ctx, in.Name, in.Type)
		},
		createdAt: func(a *Application) int64 { return a.CreatedAt },
	})
}

// ListApplicationsNamed returns the applications named exactly name (case
// included), of the given types only when types are given. Logto's search
// narrows the listing on the server: it matches id, name or description
// case-insensitively, with `%` and `_` as wildcards, which only widens the
// answer before the exact match below. A backslash would act as an escape,
// so such names are matched in the full listing.
func (c *Client) ListApplicationsNamed(ctx context.Context, name string, types ...string) ([]Application, error) {
	opts := ListApplicationsOptions{Types: types}
	if !strings.Contains(name, `\`) {
		opts.Search = name
	}
	apps, err := c.ListApplications(ctx, opts)
	if err != nil {
		return nil, err
	}
	var out []Application
	for _, a := range apps {
		if a.Name == name {
			out = append(out, a)
		}
	}
	return out, nil
}

// GetApplication reads one application.
func (c *Client) GetApplication(ctx context.Context, id string) (*Application, error) {
	var out Application
	if err := c.do(ctx, http.MethodGet, "/api/applications/"+url.PathEscape(id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateApplication patches an application and returns it as the server has it.
func (c *Client) UpdateApplication(ctx context.Context, id string, in ApplicationPatch) (*Application, error) {
	var out Application
	if err := c.do(ctx, http.MethodPatch, "/api/applications/"+url.PathEscape(id), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteApplication deletes an application.
func (c *Client) DeleteApplication(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, "/api/applications/"+url.PathEscape(id), nil, nil, nil)
}

// ListApplications reads every page of GET /api/applications.
func (c *Client) ListApplications(ctx context.Context, opts ListApplicationsOptions) ([]Application, error) {
	q := url.Values{}
	for _, t := range opts.Types {
		q.Add("types", t)
	}
	if opts.Search != "" {
		q.Set("search", opts.Search)
	}
	return listAll(ctx, c, "/api/applications", q, func(a *Application) string { return a.ID })
}
