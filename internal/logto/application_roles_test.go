package logto

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// roleLinkRecorder serves GET /api/roles/{id} from a fixed set and records
// every other request with its body.
type roleLinkRecorder struct {
	mu    sync.Mutex
	roles map[string]Role
	sent  []string // "METHOD path body"
}

func newRoleLinkRecorder(t *testing.T, roles ...Role) (*roleLinkRecorder, *Client) {
	t.Helper()
	rec := &roleLinkRecorder{roles: map[string]Role{}}
	for _, r := range roles {
		rec.roles[r.ID] = r
	}
	f := newFakeLogto(t, func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		if r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/api/roles/") {
			role, ok := rec.roles[strings.TrimPrefix(r.URL.Path, "/api/roles/")]
			if !ok {
				writeJSON(w, http.StatusNotFound, `{"code":"entity.not_exists_with_id","message":"The roles with ID `+"`x`"+` does not exist."}`)
				return
			}
			body, _ := json.Marshal(role)
			writeJSON(w, http.StatusOK, string(body))
			return
		}
		body, _ := io.ReadAll(r.Body)
		rec.sent = append(rec.sent, r.Method+" "+r.URL.Path+" "+string(body))
		switch r.Method {
		case http.MethodPut:
			// Logto answers the application-role PUT with text.
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			_, _ = w.Write([]byte("OK"))
		case http.MethodPost:
			writeJSON(w, http.StatusCreated, `{"roleIds":[],"addedRoleIds":[]}`)
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	})
	return rec, f.client(t)
}

func TestCheckApplicationRoleTypes_NamesEveryWrongRole(t *testing.T) {
	_, c := newRoleLinkRecorder(t,
		Role{ID: "m1", Name: "reader", Type: RoleTypeMachineToMachine},
		Role{ID: "u1", Name: "editors", Type: RoleTypeUser},
		Role{ID: "u2", Name: "admins", Type: RoleTypeUser},
	)
	err := c.CheckApplicationRoleTypes(t.Context(), []string{"m1", "u1", "u2"})
	var typeErr *RoleTypeError
	if !errors.As(err, &typeErr) {
		t.Fatalf("err = %v, want a *RoleTypeError", err)
	}
	msg := err.Error()
	for _, want := range []string{`"editors" (id u1, type User)`, `"admins" (id u2, type User)`, "only MachineToMachine roles", "a machine-to-machine application"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %q", msg, want)
		}
	}
	if strings.Contains(msg, "reader") {
		t.Errorf("error %q names a role of the right type", msg)
	}
	// Positive control: the right types pass.
	if err := c.CheckApplicationRoleTypes(t.Context(), []string{"m1"}); err != nil {
		t.Errorf("MachineToMachine role refused: %v", err)
	}
	if err := c.CheckUserRoleTypes(t.Context(), []string{"u1", "u2"}); err != nil {
		t.Errorf("User roles refused for a user: %v", err)
	}
	if err := c.CheckUserRoleTypes(t.Context(), []string{"m1"}); err == nil || !strings.Contains(err.Error(), "a user") {
		t.Errorf("MachineToMachine role for a user: err = %v", err)
	}
}

func TestCheckRoleTypes_UnknownRoleIsNotFound(t *testing.T) {
	_, c := newRoleLinkRecorder(t)
	err := c.CheckApplicationRoleTypes(t.Context(), []string{"ghost"})
	if !IsNotFound(err) || !strings.Contains(err.Error(), "/api/roles/ghost") {
		t.Errorf("err = %v, want the 404 of GET /api/roles/ghost", err)
	}
}

func TestRoleAssignmentBodies(t *testing.T) {
	rec, c := newRoleLinkRecorder(t)
	ctx := t.Context()
	for _, call := range []func() error{
		func() error { return c.ReplaceApplicationRoles(ctx, "app1", nil) },
		func() error { return c.ReplaceApplicationRoles(ctx, "app1", []string{"r1", "r2"}) },
		func() error { return c.AssignApplicationRoles(ctx, "app1", []string{"r1"}) },
		func() error { return c.RemoveApplicationRole(ctx, "app1", "r/1") },
		func() error { return c.ReplaceUserRoles(ctx, "u1", []string{}) },
		func() error { return c.AssignUserRoles(ctx, "u1", []string{"r3"}) },
		func() error { return c.RemoveUserRole(ctx, "u1", "r3") },
	} {
		if err := call(); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		`PUT /api/applications/app1/roles {"roleIds":[]}`,
		`PUT /api/applications/app1/roles {"roleIds":["r1","r2"]}`,
		`POST /api/applications/app1/roles {"roleIds":["r1"]}`,
		`DELETE /api/applications/app1/roles/r/1 `,
		`PUT /api/users/u1/roles {"roleIds":[]}`,
		`POST /api/users/u1/roles {"roleIds":["r3"]}`,
		`DELETE /api/users/u1/roles/r3 `,
	}
	if strings.Join(rec.sent, "\n") != strings.Join(want, "\n") {
		t.Errorf("sent\n%s\nwant\n%s", strings.Join(rec.sent, "\n"), strings.Join(want, "\n"))
	}
}
