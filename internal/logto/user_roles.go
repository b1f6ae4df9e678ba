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
// same state; unlike the application route, an id listed twice is not
// dropped (send each once). A MachineToMachine role answers 422
// user.invalid_role_type, an unknown id 404, and nothing is assigned in
// either case. Users' role sets are changed by this POST and RemoveUserRole,
// like applications' (see AssignApplicationRoles for why not by PUT).
func (c *Client) AssignUserRoles(ctx context.Context, userID string, roleIDs []string) error {
	return c.do(ctx, http.MethodPost, userRolesPath(userID), nil, newRoleIDsBody(roleIDs), nil)
}

// RemoveUserRole takes one role from a user. Logto answers 404
// entity.not_found when the user does not hold it (any more).
func (c *Client) RemoveUserRole(ctx context.Context, userID, roleID string) error {
	return c.do(ctx, http.MethodDelete, userRolesPath(userID)+"/"+url.PathEscape(roleID), nil, nil, nil)
}
