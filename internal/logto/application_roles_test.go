package logto

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
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
		func() error { return c.AssignApplicationRoles(ctx, "app1", nil) },
		func() error { return c.AssignApplicationRoles(ctx, "app1", []string{"r1"}) },
		func() error { return c.RemoveApplicationRole(ctx, "app1", "r/1") },
		func() error { return c.AssignUserRoles(ctx, "u1", []string{"r3"}) },
		func() error { return c.RemoveUserRole(ctx, "u1", "r3") },
	} {
		if err := call(); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		`POST /api/applications/app1/roles {"roleIds":[]}`,
		`POST /api/applications/app1/roles {"roleIds":["r1"]}`,
		`DELETE /api/applications/app1/roles/r/1 `,
		`POST /api/users/u1/roles {"roleIds":["r3"]}`,
		`DELETE /api/users/u1/roles/r3 `,
	}
	if strings.Join(rec.sent, "\n") != strings.Join(want, "\n") {
		t.Errorf("sent\n%s\nwant\n%s", strings.Join(rec.sent, "\n"), strings.Join(want, "\n"))
	}
}

// roleLinkServer keeps one holder's role links the way Logto's POST and
// DELETE of /api/applications/{id}/roles do, and drops the connection
// instead of answering the first request of each method after acting.
type roleLinkServer struct {
	mu      sync.Mutex
	held    []string
	calls   map[string]int
	dropped map[string]bool
}

func (s *roleLinkServer) serve(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.calls[r.Method]++
		answer := func(status int, body string) {
			if !s.dropped[r.Method] {
				s.dropped[r.Method] = true
				dropConnection(t, w)
				return
			}
			if body == "" {
				w.WriteHeader(status)
				return
			}
			writeJSON(w, status, body)
		}
		switch r.Method {
		case http.MethodPost:
			var in roleIDsBody
			_ = json.NewDecoder(r.Body).Decode(&in)
			added := []string{}
			for _, id := range in.RoleIDs {
				if !slices.Contains(s.held, id) && !slices.Contains(added, id) {
					added = append(added, id)
				}
			}
			s.held = append(s.held, added...)
			out, _ := json.Marshal(map[string][]string{"roleIds": in.RoleIDs, "addedRoleIds": added})
			answer(http.StatusCreated, string(out))
		case http.MethodDelete:
			id := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
			if i := slices.Index(s.held, id); i >= 0 {
				s.held = slices.Delete(s.held, i, i+1)
				answer(http.StatusNoContent, "")
				return
			}
			answer(http.StatusNotFound, `{"code":"entity.not_found","message":"The resource does not exist."}`)
		}
	}
}

// The POST of role links is repeatable: after a lost answer it is sent
// again, and Logto skips what the first one added. A repeated DELETE finds
// the link gone and reports 404, which callers take as done.
func TestApplicationRoleLinks_RepeatedAfterLostAnswer(t *testing.T) {
	s := &roleLinkServer{held: []string{"r0"}, calls: map[string]int{}, dropped: map[string]bool{}}
	c := newFakeLogto(t, s.serve(t)).client(t, noKeepAlive)
	if err := c.AssignApplicationRoles(t.Context(), "app1", []string{"r1", "r2"}); err != nil {
		t.Fatalf("POST: %v", err)
	}
	if !slices.Equal(s.held, []string{"r0", "r1", "r2"}) || s.calls[http.MethodPost] != 2 {
		t.Errorf("held %v after %d POSTs, want [r0 r1 r2] after 2", s.held, s.calls[http.MethodPost])
	}
	err := c.RemoveApplicationRole(t.Context(), "app1", "r1")
	if !IsNotFound(err) || s.calls[http.MethodDelete] != 2 {
		t.Errorf("DELETE: err = %v after %d attempts, want 404 after 2", err, s.calls[http.MethodDelete])
	}
	// Positive control: a DELETE whose answer arrives reports success.
	if err := c.RemoveApplicationRole(t.Context(), "app1", "r2"); err != nil {
		t.Errorf("DELETE r2: %v", err)
	}
	if !slices.Equal(s.held, []string{"r0"}) {
		t.Errorf("held %v, want [r0]", s.held)
	}
}
