package logto

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// OrganizationScope is a permission of the organization template.
type OrganizationScope struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
}

// OrganizationScopeInput is the body of POST and PATCH
// /api/organization-scopes: a PATCH sends only the fields set.
type OrganizationScopeInput struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
}

func organizationScopePath(id string) string { return "/api/organization-scopes/" + url.PathEscape(id) }

// CreateOrganizationScope creates an organization scope. Names are unique in
// the template, so a lost answer is recovered by looking the scope up by name.
func (c *Client) CreateOrganizationScope(ctx context.Context, in OrganizationScopeInput) (*OrganizationScope, error) {
	name := ""
	if in.Name != nil {
		name = *in.Name
	}
	return create(ctx, c, createSpec[OrganizationScope]{
		path: "/api/organization-scopes",
		in:   in,
		what: "organization scope",
		key:  func(s *OrganizationScope) string { return "organization-scope/" + s.ID },
		find: func(ctx context.Context) ([]OrganizationScope, error) { return c.OrganizationScopesNamed(ctx, name) },
	})
}

// OrganizationScopesNamed returns the organization scopes named exactly name
// (at most one).
func (c *Client) OrganizationScopesNamed(ctx context.Context, name string) ([]OrganizationScope, error) {
	return named(ctx, c, "/api/organization-scopes", name,
		func(s *OrganizationScope) string { return s.ID }, func(s *OrganizationScope) string { return s.Name })
}

// GetOrganizationScope reads one organization scope.
func (c *Client) GetOrganizationScope(ctx context.Context, id string) (*OrganizationScope, error) {
	var out OrganizationScope
	if err := c.do(ctx, http.MethodGet, organizationScopePath(id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateOrganizationScope patches an organization scope; Logto answers the
// updated row.
func (c *Client) UpdateOrganizationScope(ctx context.Context, id string, in OrganizationScopeInput) (*OrganizationScope, error) {
	var out OrganizationScope
	if err := c.do(ctx, http.MethodPatch, organizationScopePath(id), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteOrganizationScope deletes an organization scope (its role links go
// too).
func (c *Client) DeleteOrganizationScope(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, organizationScopePath(id), nil, nil, nil)
}

// named lists path with Logto's `q` narrowing to name (unless the name has a
// backslash, an escape in the search) and keeps the exact matches.
func named[T any](ctx context.Context, c *Client, path, name string, id, nameOf func(*T) string) ([]T, error) {
	q := url.Values{}
	if !strings.Contains(name, `\`) {
		q.Set("q", name)
	}
	all, err := listAll(ctx, c, path, q, id)
	if err != nil {
		return nil, err
	}
	var out []T
	for i := range all {
		if nameOf(&all[i]) == name {
			out = append(out, all[i])
		}
	}
	return out, nil
}
