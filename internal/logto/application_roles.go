package logto

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Role holders, as RoleTypeError names them.
const (
	holderApplication = "a machine-to-machine application"
	holderUser        = "a user"
)

// RoleTypeError reports roles that cannot be given to a holder: User roles
// to a machine-to-machine application, MachineToMachine roles to a user.
// Logto refuses them too (its POST of a holder's roles answers 422 and adds
// none), but names only a code; callers find them first to name each role.
type RoleTypeError struct {
	// Holder names what the roles were to be given to: "a user" or "a
	// machine-to-machine application".
	Holder string
	// Want is the role type the holder accepts.
	Want string
	// Roles are the roles of another type, in the order they were asked for.
	Roles []Role
}

// Error names every wrong role with its name, id and type.
func (e *RoleTypeError) Error() string {
	names := make([]string, len(e.Roles))
	for i, r := range e.Roles {
		names[i] = fmt.Sprintf("%q (id %s, type %s)", r.Name, r.ID, r.Type)
	}
	return fmt.Sprintf("only %s roles can be given to %s; not %s", e.Want, e.Holder, strings.Join(names, ", "))
}

// CheckRoleTypes reads each role (GET /api/roles/{id}) and returns a
// *RoleTypeError naming those whose type is not want, or the error of the
// first role that could not be read (a 404 for an unknown id). holder names
// what the roles are for, in the error message.
func (c *Client) CheckRoleTypes(ctx context.Context, roleIDs []string, want, holder string) error {
	var wrong []Role
	for _, id := range roleIDs {
		role, err := c.GetRole(ctx, id)
		if err != nil {
			return err
		}
		if role.Type != want {
			wrong = append(wrong, *role)
		}
	}
	if len(wrong) > 0 {
		return &RoleTypeError{Holder: holder, Want: want, Roles: wrong}
	}
	return nil
}

// CheckApplicationRoleTypes is CheckRoleTypes for roles to be given to a
// machine-to-machine application: each must be a MachineToMachine role.
func (c *Client) CheckApplicationRoleTypes(ctx context.Context, roleIDs []string) error {
	return c.CheckRoleTypes(ctx, roleIDs, RoleTypeMachineToMachine, holderApplication)
}

func applicationRolesPath(appID string) string {
	return "/api/applications/" + url.PathEscape(appID) + "/roles"
}

// roleIDsBody is the body of the role assignment routes; roleIds is always
// an array, never null.
type roleIDsBody struct {
	RoleIDs []string `json:"roleIds"`
}

func newRoleIDsBody(ids []string) roleIDsBody {
	if ids == nil {
		ids = []string{}
	}
	return roleIDsBody{RoleIDs: ids}
}

// ListApplicationRoles reads every page of the roles a machine-to-machine
// application holds (Logto lists MachineToMachine roles only). Other
// application types answer 422 application.invalid_type.
func (c *Client) ListApplicationRoles(ctx context.Context, appID string) ([]Role, error) {
	return listAll(ctx, c, applicationRolesPath(appID), nil, func(r *Role) string { return r.ID })
}

// AssignApplicationRoles gives roles to a machine-to-machine application
// (POST /api/applications/{id}/roles). Logto first drops the ids the
// application holds already and any id listed twice, so repeating the
// request leaves the same state and the client may send it again after a
// lost answer. A User role answers 422 application.invalid_role_type, an
// unknown id 404, and nothing is assigned in either case.
//
// There is deliberately no client for PUT /api/applications/{id}/roles:
// Logto 1.42 removes the roles not listed, then inserts the ones not held
// yet with one statement even when there is none, so every PUT that adds
// nothing (the same set, a subset, []) answers 422 entity.invalid_input
// "Invalid input. Value list must not be empty." after its removals took
// effect; and a User role fails it after the removals too. Set a holder's
// roles with this POST and RemoveApplicationRole.
func (c *Client) AssignApplicationRoles(ctx context.Context, appID string, roleIDs []string) error {
	return c.do(ctx, http.MethodPost, applicationRolesPath(appID), nil, newRoleIDsBody(roleIDs), nil)
}

// RemoveApplicationRole takes one role from an application. Logto answers
// 404 entity.not_found when the application does not hold it (any more), so
// a repeat after a lost answer reports 404: callers take it as done.
func (c *Client) RemoveApplicationRole(ctx context.Context, appID, roleID string) error {
	return c.do(ctx, http.MethodDelete, applicationRolesPath(appID)+"/"+url.PathEscape(roleID), nil, nil, nil)
}
