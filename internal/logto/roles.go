package logto

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Role types accepted by Logto's Management API.
const (
	RoleTypeUser             = "User"
	RoleTypeMachineToMachine = "MachineToMachine"
)

// Role is a role as the Management API returns it.
type Role struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Type        string `json:"type"`
	// IsDefault makes Logto give the role to every new user.
	IsDefault bool `json:"isDefault"`
}

// RoleCreate is the body of POST /api/roles. It has no scopeIds on purpose:
// Logto inserts the role before it checks the scope ids, so an unknown id
// answers 404 and still leaves the role behind. Callers create the role, then
// link scopes with Client.AddRoleScopes.
type RoleCreate struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Type        string `json:"type,omitempty"`
	IsDefault   *bool  `json:"isDefault,omitempty"`
}

// RolePatch is the body of PATCH /api/roles/{id}. The type of a role cannot
// change.
type RolePatch struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	IsDefault   *bool   `json:"isDefault,omitempty"`
}

// ListRolesOptions filters GET /api/roles.
type ListRolesOptions struct {
	// Type keeps roles of this type only ("" for all).
	Type string
	// Search is Logto's `search` parameter: a case-insensitive SQL LIKE
	// pattern matched against the whole id, name or description; callers
	// filter the answer for exact matches.
	Search string
}

// RoleScope is a scope linked to a role, with the API resource it belongs to.
type RoleScope struct {
	APIResourceScope
	Resource *APIResource `json:"resource,omitempty"`
}

func rolePath(id string) string { return "/api/roles/" + url.PathEscape(id) }

// CreateRole creates a role without scopes (see RoleCreate). Role names are
// unique in Logto, so when the answer is lost the role is looked up by exact
// name and adopted before the request is sent again (see create). Logto's
// answer carries no createdAt, so the lookup matches by name alone.
func (c *Client) CreateRole(ctx context.Context, in RoleCreate) (*Role, error) {
	return create(ctx, c, createSpec[Role]{
		path: "/api/roles",
		in:   in,
		what: "role",
		key:  func(r *Role) string { return "role/" + r.ID },
		find: func(ctx context.Context) ([]Role, error) { return c.RolesNamed(ctx, in.Name) },
	})
}

// RolesNamed returns the roles named exactly name (case included; at most
// one, since Logto keeps role names unique). Logto's search narrows the
// listing; a name with a backslash (an escape in the search) is matched in
// the full listing.
func (c *Client) RolesNamed(ctx context.Context, name string) ([]Role, error) {
	opts := ListRolesOptions{}
	if !strings.Contains(name, `\`) {
		opts.Search = name
	}
	roles, err := c.ListRoles(ctx, opts)
	if err != nil {
		return nil, err
	}
	var out []Role
	for _, r := range roles {
		if r.Name == name {
			out = append(out, r)
		}
	}
	return out, nil
}

// ListRoles reads every page of GET /api/roles.
func (c *Client) ListRoles(ctx context.Context, opts ListRolesOptions) ([]Role, error) {
	q := url.Values{}
	if opts.Type != "" {
		q.Set("type", opts.Type)
	}
	if opts.Search != "" {
		q.Set("search", opts.Search)
	}
	return listAll(ctx, c, "/api/roles", q, func(r *Role) string { return r.ID })
}

// GetRole reads one role.
func (c *Client) GetRole(ctx context.Context, id string) (*Role, error) {
	var out Role
	if err := c.do(ctx, http.MethodGet, rolePath(id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateRole patches a role and returns it as the server has it.
func (c *Client) UpdateRole(ctx context.Context, id string, in RolePatch) (*Role, error) {
	var out Role
	if err := c.do(ctx, http.MethodPatch, rolePath(id), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteRole deletes a role; its scope, user and application links go too.
func (c *Client) DeleteRole(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, rolePath(id), nil, nil, nil)
}

// ListRoleScopes reads every page of the scopes linked to a role (Logto
// pages them by 20 by default; this reads them all).
func (c *Client) ListRoleScopes(ctx context.Context, roleID string) ([]RoleScope, error) {
	return listAll(ctx, c, rolePath(roleID)+"/scopes", nil, func(s *RoleScope) string { return s.ID })
}

// AddRoleScopes links scopes to a role (POST /api/roles/{id}/scopes).
//
// The POST is not repeated blindly: once it took effect, sending it again
// fails with 422 role.scope_exists. When its answer is lost, the role's
// scopes are listed: if every id is linked, the request took effect;
// otherwise the ids still missing are sent again (up to the client's retry
// limit).
func (c *Client) AddRoleScopes(ctx context.Context, roleID string, scopeIDs []string) error {
	missing := slices.Clone(scopeIDs)
	for try := 0; ; try++ {
		if len(missing) == 0 {
			return nil
		}
		err := c.doOnce(ctx, http.MethodPost, rolePath(roleID)+"/scopes", map[string][]string{"scopeIds": missing}, nil)
		if err == nil || !OutcomeUnknown(err) || ctx.Err() != nil {
			return err
		}
		if sleepErr := c.sleep(ctx, try); sleepErr != nil {
			return err
		}
		linked, listErr := c.ListRoleScopes(ctx, roleID)
		if listErr != nil {
			return &UnknownOutcomeError{What: "role scope link", Err: err, LookupErr: listErr}
		}
		missing = slices.DeleteFunc(missing, func(id string) bool {
			return slices.ContainsFunc(linked, func(s RoleScope) bool { return s.ID == id })
		})
		if len(missing) > 0 && try >= c.maxRetries {
			return err
		}
	}
}

// RemoveRoleScope unlinks a scope from a role. Logto answers 404 when the
// link does not exist (any more).
func (c *Client) RemoveRoleScope(ctx context.Context, roleID, scopeID string) error {
	return c.do(ctx, http.MethodDelete, rolePath(roleID)+"/scopes/"+url.PathEscape(scopeID), nil, nil, nil)
}
