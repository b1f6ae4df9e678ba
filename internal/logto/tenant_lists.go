package logto

import (
	"context"
	"net/url"
)

// Listings of whole collections, for tools that read a tenant as a whole
// (logto-export). The provider itself looks objects up by id or exact name.

// ListOrganizations reads every page of GET /api/organizations.
func (c *Client) ListOrganizations(ctx context.Context) ([]Organization, error) {
	return listAll(ctx, c, "/api/organizations", nil, func(o *Organization) string { return o.ID })
}

// ListOrganizationRoles reads every page of GET /api/organization-roles.
func (c *Client) ListOrganizationRoles(ctx context.Context) ([]OrganizationRole, error) {
	return listAll(ctx, c, "/api/organization-roles", nil, func(r *OrganizationRole) string { return r.ID })
}

// ListOrganizationScopes reads every page of GET /api/organization-scopes.
func (c *Client) ListOrganizationScopes(ctx context.Context) ([]OrganizationScope, error) {
	return listAll(ctx, c, "/api/organization-scopes", nil, func(s *OrganizationScope) string { return s.ID })
}

// ListUsers reads every page of GET /api/users.
func (c *Client) ListUsers(ctx context.Context) ([]User, error) {
	return c.listUsers(ctx, url.Values{})
}
