package logto

import (
	"context"
	"net/http"
	"net/url"
)

func userRolesPath(userID string) string { return userPath(userID) + "/roles" }

// CheckUserRoleTypes is CheckRoleTypes for roles to be given to a user: each
// must be a User role.
func (c *Client) CheckUserRoleTypes(ctx context.Context, roleIDs []string) error {
	return c.CheckRoleTypes(ctx, roleIDs, RoleTypeUser, holderUser)
}

// ListUserRoles reads every page of the roles a user holds (Logto lists
// User roles only). A missing user answers 404 entity.not_found.
func (c *Client) ListUserRoles(ctx context.Context, userID string) ([]Role, error) {
	return listAll(ctx, c, userRolesPath(userID), nil, func(r *Role) string { return r.ID })
}

// AssignUserRoles gives roles to a user (POST /api/users/{id}/roles). Roles
// the user already holds are skipped, so repeating the request leaves the
// same state. A MachineToMachine role answers 422 user.invalid_role_type, an
// unknown id 404, and nothing is assigned in either case.
func (c *Client) AssignUserRoles(ctx context.Context, userID string, roleIDs []string) error {
	return c.do(ctx, http.MethodPost, userRolesPath(userID), nil, newRoleIDsBody(roleIDs), nil)
}

// ReplaceUserRoles makes roleIDs the whole set of a user's roles (PUT
// /api/users/{id}/roles; an empty list removes every role).
//
// Like ReplaceApplicationRoles, the PUT is not transactional: a
// MachineToMachine role fails with 422 entity.db_constraint_violated after
// the roles not wanted any more were removed. Call CheckUserRoleTypes with
// the roles to add first.
func (c *Client) ReplaceUserRoles(ctx context.Context, userID string, roleIDs []string) error {
	return c.do(ctx, http.MethodPut, userRolesPath(userID), nil, newRoleIDsBody(roleIDs), nil)
}

// RemoveUserRole takes one role from a user. Logto answers 404
// entity.not_found when the user does not hold it (any more).
func (c *Client) RemoveUserRole(ctx context.Context, userID, roleID string) error {
	return c.do(ctx, http.MethodDelete, userRolesPath(userID)+"/"+url.PathEscape(roleID), nil, nil, nil)
}
