package acctest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// CheckAll runs every CheckDestroy function and returns the first error.
func CheckAll(checks ...func(*terraform.State) error) func(*terraform.State) error {
	return func(s *terraform.State) error {
		for _, check := range checks {
			if err := check(s); err != nil {
				return err
			}
		}
		return nil
	}
}

// CheckUsersDestroyed verifies that every logto_user in the state is gone
// from Logto (a resource.TestCase CheckDestroy).
func (e *Env) CheckUsersDestroyed(s *terraform.State) error {
	for key, rs := range s.RootModule().Resources {
		if rs.Type != "logto_user" || strings.HasPrefix(key, "data.") {
			continue
		}
		_, err := e.Client.GetUser(context.Background(), rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("user %s still exists", rs.Primary.ID)
		}
		if !logto.IsNotFound(err) {
			return fmt.Errorf("checking user %s: %w", rs.Primary.ID, err)
		}
	}
	return nil
}

// CheckRoleAssignmentsDestroyed verifies that the roles given by every
// logto_application_roles, logto_application_role, logto_user_roles and
// logto_user_role in the state are taken away again, or that their holder
// is gone (a resource.TestCase CheckDestroy).
func (e *Env) CheckRoleAssignmentsDestroyed(s *terraform.State) error {
	ctx := context.Background()
	for key, rs := range s.RootModule().Resources {
		if strings.HasPrefix(key, "data.") {
			continue
		}
		var holderID string
		var list func(context.Context, string) ([]logto.Role, error)
		switch rs.Type {
		case "logto_application_roles", "logto_application_role":
			holderID, list = rs.Primary.Attributes["application_id"], e.Client.ListApplicationRoles
		case "logto_user_roles", "logto_user_role":
			holderID, list = rs.Primary.Attributes["user_id"], e.Client.ListUserRoles
		default:
			continue
		}
		given := roleIDsOf(rs.Primary.Attributes)
		held, err := list(ctx, holderID)
		if logto.IsNotFound(err) {
			continue
		}
		if err != nil {
			return fmt.Errorf("checking the roles of %s: %w", holderID, err)
		}
		for _, r := range held {
			if slices.Contains(given, r.ID) {
				return fmt.Errorf("%s: %s still holds role %s", key, holderID, r.ID)
			}
		}
	}
	return nil
}

// roleIDsOf returns role_id, or the elements of role_ids, from flattened
// state attributes.
func roleIDsOf(attrs map[string]string) []string {
	var out []string
	for k, v := range attrs {
		if k == "role_id" || (strings.HasPrefix(k, "role_ids.") && k != "role_ids.#") {
			out = append(out, v)
		}
	}
	return out
}

// ApplicationRoleIDs returns the ids of the roles an application holds in
// Logto, sorted.
func (e *Env) ApplicationRoleIDs(t *testing.T, appID string) []string {
	t.Helper()
	roles, err := e.Client.ListApplicationRoles(context.Background(), appID)
	if err != nil {
		t.Fatalf("listing the roles of application %s: %v", appID, err)
	}
	return sortedRoleIDs(roles)
}

// UserRoleIDs returns the ids of the roles a user holds in Logto, sorted.
func (e *Env) UserRoleIDs(t *testing.T, userID string) []string {
	t.Helper()
	roles, err := e.Client.ListUserRoles(context.Background(), userID)
	if err != nil {
		t.Fatalf("listing the roles of user %s: %v", userID, err)
	}
	return sortedRoleIDs(roles)
}

func sortedRoleIDs(roles []logto.Role) []string {
	ids := make([]string, 0, len(roles))
	for _, r := range roles {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}

// RoleNamed returns the role named exactly name, failing the test when
// there is none.
func (e *Env) RoleNamed(t *testing.T, name string) logto.Role {
	t.Helper()
	roles, err := e.Client.RolesNamed(context.Background(), name)
	if err != nil {
		t.Fatalf("looking up role %q: %v", name, err)
	}
	if len(roles) != 1 {
		t.Fatalf("want one role named %q, got %d", name, len(roles))
	}
	return roles[0]
}

// CreateRoleOutOfBand creates a role behind Terraform's back and deletes it
// when the test ends.
func (e *Env) CreateRoleOutOfBand(t *testing.T, name, roleType string) logto.Role {
	t.Helper()
	role, err := e.Client.CreateRole(context.Background(), logto.RoleCreate{Name: name, Description: name, Type: roleType})
	if err != nil {
		t.Fatalf("creating role %s: %v", name, err)
	}
	t.Cleanup(func() {
		err := e.Client.DeleteRole(context.Background(), role.ID)
		if err != nil && !errors.Is(err, context.Canceled) && !logto.IsNotFound(err) {
			t.Errorf("cleaning up role %s: %v", role.ID, err)
		}
	})
	return *role
}

// GetUser reads a user, failing the test on error.
func (e *Env) GetUser(t *testing.T, id string) *logto.User {
	t.Helper()
	u, err := e.Client.GetUser(context.Background(), id)
	if err != nil {
		t.Fatalf("reading user %s: %v", id, err)
	}
	return u
}

// UpdateUserOutOfBand changes a user behind Terraform's back through the
// Management API, as a Console user would.
func (e *Env) UpdateUserOutOfBand(t *testing.T, id string, patch logto.UserPatch) *logto.User {
	t.Helper()
	u, err := e.Client.UpdateUser(context.Background(), id, patch)
	if err != nil {
		t.Fatalf("updating user %s out of band: %v", id, err)
	}
	return u
}

// DeleteUserOutOfBand deletes a user behind Terraform's back.
func (e *Env) DeleteUserOutOfBand(t *testing.T, id string) {
	t.Helper()
	if err := e.Client.DeleteUser(context.Background(), id); err != nil {
		t.Fatalf("deleting user %s out of band: %v", id, err)
	}
}

// Requests returns how many requests the emulator counted for route ("PUT
// /api/applications/{id}/roles"), or -1 against a real Logto, which counts
// nothing.
func (e *Env) Requests(route string) int {
	if e.Emulator == nil {
		return -1
	}
	return e.Emulator.Requests(route)
}

// AbsentFromState fails when the JSON rendering of the state (what
// `terraform show -json` reads from the state file, sensitive values
// included) contains one of the strings the pointers hold when the check
// runs. PresentInState is its positive control.
func AbsentFromState(values ...*string) statecheck.StateCheck { return stateSearch{values, false} }

// PresentInState fails when the state does not contain each value: the
// positive control of AbsentFromState.
func PresentInState(values ...*string) statecheck.StateCheck { return stateSearch{values, true} }

// AbsentFromPlan is AbsentFromState for the plan (the plan file as
// `terraform show -json` reads it: planned values, prior state and the
// configuration).
func AbsentFromPlan(values ...*string) plancheck.PlanCheck { return planSearch{values, false} }

// PresentInPlan is the positive control of AbsentFromPlan.
func PresentInPlan(values ...*string) plancheck.PlanCheck { return planSearch{values, true} }

type stateSearch struct {
	values []*string
	want   bool
}

func (c stateSearch) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = search("state", req.State, c.values, c.want)
}

type planSearch struct {
	values []*string
	want   bool
}

func (c planSearch) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = search("plan", req.Plan, c.values, c.want)
}

// search looks for each value in the JSON rendering of doc.
func search(what string, doc any, values []*string, want bool) error {
	raw, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	if len(raw) < 100 {
		return fmt.Errorf("the %s is suspiciously small: %s", what, raw)
	}
	for _, v := range values {
		if v == nil || *v == "" {
			return fmt.Errorf("an empty value cannot be looked for in the %s", what)
		}
		if found := strings.Contains(string(raw), *v); found != want {
			if found {
				return fmt.Errorf("the %s holds a value it must not hold (%d characters)", what, len(*v))
			}
			return fmt.Errorf("the %s does not hold a value it must hold (%d characters): the search cannot be trusted", what, len(*v))
		}
	}
	return nil
}
