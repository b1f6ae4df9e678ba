package logto

import (
	"context"
	"net/http"
	"net/url"
)

// OrganizationRole is a role of the organization template.
type OrganizationRole struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	// Type is RoleTypeUser (for members) or RoleTypeMachineToMachine (for
	// applications in the organization).
	Type string `json:"type"`
}

// OrganizationRoleCreate is the body of POST /api/organization-roles. It
// carries no scope ids: callers create the role, then set its scopes, so a
// wrong scope id fails with the role already tracked.
type OrganizationRoleCreate struct {
	Name        string  `json:"name"`
	Description *string `json:"description,omitempty"`
	Type        string  `json:"type,omitempty"`
}

// OrganizationRolePatch is the body of PATCH /api/organization-roles/{id}.
type OrganizationRolePatch struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
}

func organizationRolePath(id string) string { return "/api/organization-roles/" + url.PathEscape(id) }

// CreateOrganizationRole creates an organization role without scopes. Names
// are unique in the template, so a lost answer is recovered by looking the
// role up by name.
func (c *Client) CreateOrganizationRole(ctx context.Context, in OrganizationRoleCreate) (*OrganizationRole, error) {
	return create(ctx, c, createSpec[OrganizationRole]{
		path: "/api/organization-roles",
		in:   in,
		what: "organization role",
		key:  func(r *OrganizationRole) string { return "organization-role/" + r.ID },
		find: func(ctx context.Context) ([]OrganizationRole, error) { return c.OrganizationRolesNamed(ctx, in.Name) },
	})
}

// OrganizationRolesNamed returns the organization roles named exactly name
// (at most one).
func (c *Client) OrganizationRolesNamed(ctx context.Context, name string) ([]OrganizationRole, error) {
	return named(ctx, c, "/api/organization-roles", name,
		func(r *OrganizationRole) string { return r.ID }, func(r *OrganizationRole) string { return r.Name })
}

// GetOrganizationRole reads one organization role.
func (c *Client) GetOrganizationRole(ctx context.Context, id string) (*OrganizationRole, error) {
	var out OrganizationRole
	if err := c.do(ctx, http.MethodGet, organizationRolePath(id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateOrganizationRole patches an organization role; Logto answers the
// updated row.
func (c *Client) UpdateOrganizationRole(ctx context.Context, id string, in OrganizationRolePatch) (*OrganizationRole, error) {
	var out OrganizationRole
	if err := c.do(ctx, http.MethodPatch, organizationRolePath(id), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteOrganizationRole deletes an organization role; members, applications
// and just-in-time settings lose it.
func (c *Client) DeleteOrganizationRole(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, organizationRolePath(id), nil, nil, nil)
}

// idOnly decodes any Logto row by its id.
type idOnly struct {
	ID string `json:"id"`
}

func listIDs(ctx context.Context, c *Client, path string) ([]string, error) {
	rows, err := listAll(ctx, c, path, nil, func(r *idOnly) string { return r.ID })
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	return ids, nil
}

// ListOrganizationRoleScopeIDs returns the ids of the organization scopes
// of a role (every page).
func (c *Client) ListOrganizationRoleScopeIDs(ctx context.Context, roleID string) ([]string, error) {
	return listIDs(ctx, c, organizationRolePath(roleID)+"/scopes")
}

// ReplaceOrganizationRoleScopes makes ids the role's organization scopes.
// Logto's PUT is transactional: an unknown id (422
// entity.relation_foreign_key_not_found) changes nothing; it may be repeated.
func (c *Client) ReplaceOrganizationRoleScopes(ctx context.Context, roleID string, ids []string) error {
	return c.do(ctx, http.MethodPut, organizationRolePath(roleID)+"/scopes", nil,
		map[string][]string{"organizationScopeIds": nonNil(ids)}, nil)
}

// ListOrganizationRoleResourceScopeIDs returns the ids of the API resource
// scopes of a role (every page).
func (c *Client) ListOrganizationRoleResourceScopeIDs(ctx context.Context, roleID string) ([]string, error) {
	return listIDs(ctx, c, organizationRolePath(roleID)+"/resource-scopes")
}

// ReplaceOrganizationRoleResourceScopes makes ids the role's API resource
// scopes, in one transaction.
func (c *Client) ReplaceOrganizationRoleResourceScopes(ctx context.Context, roleID string, ids []string) error {
	return c.do(ctx, http.MethodPut, organizationRolePath(roleID)+"/resource-scopes", nil,
		map[string][]string{"scopeIds": nonNil(ids)}, nil)
}

// nonNil returns ids, or an empty list for nil (Logto wants a JSON array).
func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}
