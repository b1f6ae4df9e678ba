package logto

import (
	"context"
	"net/http"
	"net/url"
)

// ManagementAPIResourceID is the id of Logto's built-in "Logto Management
// API" resource, which Logto refuses to delete
// (400 resource.cannot_delete_management_api).
const ManagementAPIResourceID = "management-api"

// CodeCannotDeleteManagementAPI is Logto's error code for a DELETE of the
// built-in Management API resource.
const CodeCannotDeleteManagementAPI = "resource.cannot_delete_management_api"

// DefaultAccessTokenTTL is the access token lifetime, in seconds, Logto gives
// an API resource created without accessTokenTtl.
const DefaultAccessTokenTTL = 3600

// APIResource is an API resource as the Management API returns it.
type APIResource struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Indicator string `json:"indicator"`
	// IsDefault marks the tenant's default API resource (at most one).
	IsDefault bool `json:"isDefault"`
	// AccessTokenTTL is the lifetime of access tokens for this API, seconds.
	AccessTokenTTL int64 `json:"accessTokenTtl"`
}

// APIResourceCreate is the body of POST /api/resources. isDefault is not
// part of it: Client.SetAPIResourceDefault sets it through its own route.
type APIResourceCreate struct {
	Name           string `json:"name"`
	Indicator      string `json:"indicator"`
	AccessTokenTTL *int64 `json:"accessTokenTtl,omitempty"`
}

// APIResourcePatch is the body of PATCH /api/resources/{id}: the fields it
// holds replace the stored ones.
type APIResourcePatch struct {
	Name           *string `json:"name,omitempty"`
	AccessTokenTTL *int64  `json:"accessTokenTtl,omitempty"`
}

// APIResourceScope is a scope (permission) of an API resource.
type APIResourceScope struct {
	ID         string `json:"id"`
	ResourceID string `json:"resourceId"`
	Name       string `json:"name"`
	// Description is nil when the scope has none.
	Description *string `json:"description"`
	CreatedAt   int64   `json:"createdAt"`
}

// APIResourceScopeCreate is the body of POST /api/resources/{id}/scopes.
type APIResourceScopeCreate struct {
	Name        string  `json:"name"`
	Description *string `json:"description,omitempty"`
}

// APIResourceScopePatch is the body of PATCH
// /api/resources/{id}/scopes/{scopeId}.
type APIResourceScopePatch struct {
	Name        *string          `json:"name,omitempty"`
	Description Nullable[string] `json:"description,omitzero"`
}

func resourcePath(id string) string { return "/api/resources/" + url.PathEscape(id) }

func resourceScopesPath(resourceID string) string { return resourcePath(resourceID) + "/scopes" }

// CreateAPIResource creates an API resource. Indicators are unique in
// Logto, so when the answer is lost the resource is looked up by indicator
// and adopted before the request is sent again (see create). Logto's answer
// carries no createdAt, so the lookup matches by indicator alone.
func (c *Client) CreateAPIResource(ctx context.Context, in APIResourceCreate) (*APIResource, error) {
	return create(ctx, c, createSpec[APIResource]{
		path: "/api/resources",
		in:   in,
		what: "API resource",
		key:  func(r *APIResource) string { return "resource/" + r.ID },
		find: func(ctx context.Context) ([]APIResource, error) {
			return c.APIResourcesWithIndicator(ctx, in.Indicator)
		},
	})
}

// APIResourcesWithIndicator returns the API resources whose indicator is
// exactly indicator (at most one: Logto keeps indicators unique).
func (c *Client) APIResourcesWithIndicator(ctx context.Context, indicator string) ([]APIResource, error) {
	all, err := c.ListAPIResources(ctx)
	if err != nil {
		return nil, err
	}
	var out []APIResource
	for _, r := range all {
		if r.Indicator == indicator {
			out = append(out, r)
		}
	}
	return out, nil
}

// ListAPIResources reads every page of GET /api/resources, the built-in
// Management API resource included.
func (c *Client) ListAPIResources(ctx context.Context) ([]APIResource, error) {
	return listAll(ctx, c, "/api/resources", nil, func(r *APIResource) string { return r.ID })
}

// GetAPIResource reads one API resource.
func (c *Client) GetAPIResource(ctx context.Context, id string) (*APIResource, error) {
	var out APIResource
	if err := c.do(ctx, http.MethodGet, resourcePath(id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateAPIResource patches an API resource and returns it as the server
// has it (Logto answers with the updated row).
func (c *Client) UpdateAPIResource(ctx context.Context, id string, in APIResourcePatch) (*APIResource, error) {
	var out APIResource
	if err := c.do(ctx, http.MethodPatch, resourcePath(id), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SetAPIResourceDefault sets or clears the resource's isDefault flag through
// PATCH /api/resources/{id}/is-default. Setting it clears the flag on every
// other resource of the tenant. Repeating it leaves the same state.
func (c *Client) SetAPIResourceDefault(ctx context.Context, id string, isDefault bool) (*APIResource, error) {
	var out APIResource
	body := map[string]bool{"isDefault": isDefault}
	if err := c.do(ctx, http.MethodPatch, resourcePath(id)+"/is-default", nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteAPIResource deletes an API resource with its scopes. Logto refuses
// to delete the built-in Management API (see CodeCannotDeleteManagementAPI).
func (c *Client) DeleteAPIResource(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, resourcePath(id), nil, nil, nil)
}

// CreateAPIResourceScope adds a scope to an API resource. Scope names are
// unique within their resource, so when the answer is lost the scope is
// looked up by name (created since the request was sent) and adopted before
// the request is sent again (see create).
func (c *Client) CreateAPIResourceScope(ctx context.Context, resourceID string, in APIResourceScopeCreate) (*APIResourceScope, error) {
	return create(ctx, c, createSpec[APIResourceScope]{
		path: resourceScopesPath(resourceID),
		in:   in,
		what: "API resource scope",
		key:  func(s *APIResourceScope) string { return "scope/" + s.ID },
		find: func(ctx context.Context) ([]APIResourceScope, error) {
			return c.apiResourceScopesNamed(ctx, resourceID, in.Name)
		},
		createdAt: func(s *APIResourceScope) int64 { return s.CreatedAt },
	})
}

// apiResourceScopesNamed returns the resource's scopes named exactly name.
func (c *Client) apiResourceScopesNamed(ctx context.Context, resourceID, name string) ([]APIResourceScope, error) {
	all, err := c.ListAPIResourceScopes(ctx, resourceID)
	if err != nil {
		return nil, err
	}
	var out []APIResourceScope
	for _, s := range all {
		if s.Name == name {
			out = append(out, s)
		}
	}
	return out, nil
}

// ListAPIResourceScopes reads every page of an API resource's scopes. An
// unknown resource has no scopes (Logto answers 200 []).
func (c *Client) ListAPIResourceScopes(ctx context.Context, resourceID string) ([]APIResourceScope, error) {
	return listAll(ctx, c, resourceScopesPath(resourceID), nil, func(s *APIResourceScope) string { return s.ID })
}

// UpdateAPIResourceScope patches a scope (named by its id, so repeating the
// request is harmless) and returns it as the server has it.
func (c *Client) UpdateAPIResourceScope(ctx context.Context, resourceID, scopeID string, in APIResourceScopePatch) (*APIResourceScope, error) {
	var out APIResourceScope
	if err := c.do(ctx, http.MethodPatch, resourceScopesPath(resourceID)+"/"+url.PathEscape(scopeID), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteAPIResourceScope deletes a scope; its role links go with it.
func (c *Client) DeleteAPIResourceScope(ctx context.Context, resourceID, scopeID string) error {
	return c.do(ctx, http.MethodDelete, resourceScopesPath(resourceID)+"/"+url.PathEscape(scopeID), nil, nil, nil)
}
