package logto

import (
	"context"
	"net/http"
	"net/url"
)

// Members of an organization: users (with User organization roles) and
// machine-to-machine applications (with MachineToMachine organization roles).
// Adding a member or a role already there succeeds (Logto skips the row), so
// those POSTs may be repeated; PUTs are transactional.

// Organization member kinds, the path segment of their routes.
const (
	OrganizationUsers        = "users"
	OrganizationApplications = "applications"
)

func organizationMembersPath(orgID, kind string) string {
	return organizationPath(orgID) + "/" + kind
}

func organizationMemberPath(orgID, kind, memberID string) string {
	return organizationMembersPath(orgID, kind) + "/" + url.PathEscape(memberID)
}

func memberIDsKey(kind string) string {
	if kind == OrganizationUsers {
		return "userIds"
	}
	return "applicationIds"
}

// ListOrganizationMemberIDs returns the ids of the organization's users or
// applications (every page). A missing organization answers an empty list.
func (c *Client) ListOrganizationMemberIDs(ctx context.Context, orgID, kind string) ([]string, error) {
	return listIDs(ctx, c, organizationMembersPath(orgID, kind))
}

// AddOrganizationMembers adds users or applications to an organization.
func (c *Client) AddOrganizationMembers(ctx context.Context, orgID, kind string, ids []string) error {
	return c.do(ctx, http.MethodPost, organizationMembersPath(orgID, kind), nil,
		map[string][]string{memberIDsKey(kind): ids}, nil)
}

// ReplaceOrganizationMembers makes ids the organization's users or
// applications; those not listed leave with their roles, those who stay keep
// theirs.
func (c *Client) ReplaceOrganizationMembers(ctx context.Context, orgID, kind string, ids []string) error {
	return c.do(ctx, http.MethodPut, organizationMembersPath(orgID, kind), nil,
		map[string][]string{memberIDsKey(kind): nonNil(ids)}, nil)
}

// RemoveOrganizationMember removes one user or application (and its roles)
// from an organization; 404 when it is not a member.
func (c *Client) RemoveOrganizationMember(ctx context.Context, orgID, kind, memberID string) error {
	return c.do(ctx, http.MethodDelete, organizationMemberPath(orgID, kind, memberID), nil, nil, nil)
}

// ListOrganizationMemberRoleIDs returns the organization roles of one member.
// Logto answers 422 organization.require_membership when it is not a member
// (see IsNotMember).
func (c *Client) ListOrganizationMemberRoleIDs(ctx context.Context, orgID, kind, memberID string) ([]string, error) {
	return listIDs(ctx, c, organizationMemberPath(orgID, kind, memberID)+"/roles")
}

// ReplaceOrganizationMemberRoles sets the organization roles of one member.
// Logto refuses an empty list for applications: use
// RemoveOrganizationMemberRole there.
func (c *Client) ReplaceOrganizationMemberRoles(ctx context.Context, orgID, kind, memberID string, roleIDs []string) error {
	return c.do(ctx, http.MethodPut, organizationMemberPath(orgID, kind, memberID)+"/roles", nil,
		map[string][]string{"organizationRoleIds": nonNil(roleIDs)}, nil)
}

// RemoveOrganizationMemberRole takes one organization role from a member.
func (c *Client) RemoveOrganizationMemberRole(ctx context.Context, orgID, kind, memberID, roleID string) error {
	return c.do(ctx, http.MethodDelete, organizationMemberPath(orgID, kind, memberID)+"/roles/"+url.PathEscape(roleID), nil, nil, nil)
}

// IsNotMember reports whether err is Logto's answer for a user or
// application that is not a member of the organization (or an organization
// that does not exist).
func IsNotMember(err error) bool {
	e, ok := AsError(err)
	return ok && e.Code == "organization.require_membership"
}
