package logto

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
)

func TestCreateRole_LostAnswerAdoptsByExactName(t *testing.T) {
	for _, fault := range []string{"afterDrop", "after502"} {
		t.Run(fault, func(t *testing.T) {
			s, c := newAccessStore(t, fault)
			// Logto's search is case-insensitive: "Admin" comes back for
			// "admin" and must not be adopted.
			s.roles = append(s.roles, Role{ID: "upper", Name: "Admin", Description: "x", Type: RoleTypeUser})
			role, err := c.CreateRole(t.Context(), RoleCreate{Name: "admin", Description: "d", Type: RoleTypeUser})
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			if role.ID == "upper" || role.Name != "admin" || len(s.roles) != 2 || s.posts["/api/roles"] != 1 {
				t.Errorf("got %+v, %d roles, %d POSTs: want our role adopted after one POST", role, len(s.roles), s.posts["/api/roles"])
			}
		})
	}
}

func TestCreateRole_BodyHasNoScopeIDs(t *testing.T) {
	body, err := json.Marshal(RoleCreate{Name: "r", Description: "d"})
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	_ = json.Unmarshal(body, &fields)
	if _, ok := fields["scopeIds"]; ok {
		t.Errorf("RoleCreate sends scopeIds: %s", body)
	}
	// Positive control: the decoded body is the one sent.
	if fields["name"] != "r" || fields["description"] != "d" {
		t.Errorf("body = %s", body)
	}
}

func TestAddRoleScopes_LostAnswerIsNotSentAgain(t *testing.T) {
	s, c := newAccessStore(t, "afterDrop")
	if err := c.AddRoleScopes(t.Context(), "role1", []string{"a", "b"}); err != nil {
		t.Fatalf("add: %v", err)
	}
	if got := s.roleScopes["role1"]; !slices.Equal(got, []string{"a", "b"}) || s.posts["/api/roles/role1/scopes"] != 1 {
		t.Errorf("links %v after %d POSTs, want [a b] after 1 (the lost answer's request took effect)", got, s.posts["/api/roles/role1/scopes"])
	}
}

func TestAddRoleScopes_RefusedBeforeActingIsSentAgain(t *testing.T) {
	s, c := newAccessStore(t, "before503")
	s.roleScopes["role1"] = []string{"a"} // linked earlier
	if err := c.AddRoleScopes(t.Context(), "role1", []string{"b", "c"}); err != nil {
		t.Fatalf("add: %v", err)
	}
	if got := s.roleScopes["role1"]; !slices.Equal(got, []string{"a", "b", "c"}) || s.posts["/api/roles/role1/scopes"] != 2 {
		t.Errorf("links %v after %d POSTs, want [a b c] after 2", got, s.posts["/api/roles/role1/scopes"])
	}
}

func TestAddRoleScopes_KnownFailureReturned(t *testing.T) {
	s, c := newAccessStore(t)
	s.roleScopes["role1"] = []string{"a"}
	err := c.AddRoleScopes(t.Context(), "role1", []string{"a"})
	if e, ok := AsError(err); !ok || e.StatusCode != http.StatusUnprocessableEntity || e.Code != "role.scope_exists" {
		t.Fatalf("error = %v, want 422 role.scope_exists", err)
	}
	if s.posts["/api/roles/role1/scopes"] != 1 {
		t.Errorf("%d POSTs, want 1", s.posts["/api/roles/role1/scopes"])
	}
}

func TestListRoleScopes_ReadsEveryPage(t *testing.T) {
	s, c := newAccessStore(t)
	for i := range 150 {
		s.roleScopes["role1"] = append(s.roleScopes["role1"], fmt.Sprintf("s%03d", i))
	}
	got, err := c.ListRoleScopes(t.Context(), "role1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 150 || s.lists != 2 || got[149].ID != "s149" {
		t.Errorf("%d scopes in %d requests, want 150 in 2 pages", len(got), s.lists)
	}
}
