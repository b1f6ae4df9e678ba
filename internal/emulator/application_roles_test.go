package emulator_test

import (
	"net/http"
	"slices"
	"sort"
	"testing"
)

// appRolesFixture is a machine-to-machine application with three MachineToMachine roles (a, b,
// c) and one User role, all deleted when the test ends.
type appRolesFixture struct {
	tg            *target
	path          string
	a, b, c, user string
}

func newAppRolesFixture(t *testing.T) *appRolesFixture {
	t.Helper()
	tg := newTarget(t)
	app := str(tg.createApplication(t, map[string]any{"name": uniqueName("m2m"), "type": "MachineToMachine"})["id"])
	m2m := func(n string) string {
		return tg.createRole(t, map[string]any{"name": uniqueName(n), "description": n, "type": "MachineToMachine"})
	}
	f := &appRolesFixture{tg: tg, path: "/api/applications/" + app + "/roles", a: m2m("a"), b: m2m("b"), c: m2m("c")}
	f.user = tg.createRole(t, map[string]any{"name": uniqueName("u"), "description": "u", "type": "User"})
	return f
}

// put sends PUT {roleIds: ids}.
func (f *appRolesFixture) put(t *testing.T, ids ...string) *response {
	t.Helper()
	if ids == nil {
		ids = []string{}
	}
	return f.tg.request(t, http.MethodPut, f.path, map[string]any{"roleIds": ids})
}

// post sends POST {roleIds: ids}.
func (f *appRolesFixture) post(t *testing.T, ids ...string) *response {
	t.Helper()
	if ids == nil {
		ids = []string{}
	}
	return f.tg.request(t, http.MethodPost, f.path, map[string]any{"roleIds": ids})
}

// wantHeld fails unless the application holds exactly the roles want (any order).
func (f *appRolesFixture) wantHeld(t *testing.T, step string, want ...string) {
	t.Helper()
	resp := f.tg.request(t, http.MethodGet, f.path, nil)
	wantStatus(t, resp, http.StatusOK)
	got := listIDs(t, resp)
	sort.Strings(got)
	want = slices.Clone(want)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: application holds %v, want %v", step, got, want)
	}
}

// wantOK checks the 200 "OK" text answer of a PUT that added at least one role.
func wantOK(t *testing.T, resp *response) {
	t.Helper()
	wantStatus(t, resp, http.StatusOK)
	if ct := resp.header.Get("Content-Type"); ct != "text/plain; charset=utf-8" || string(resp.body) != "OK" {
		t.Errorf("PUT answer = %q %q, want text OK", ct, resp.body)
	}
}

// wantNothingToInsert checks Logto's answer to a PUT that adds no role: its insert of an empty
// list fails in slonik, and Logto's error handler maps that to 422 entity.invalid_input, with no
// data.
func wantNothingToInsert(t *testing.T, resp *response) {
	t.Helper()
	body := wantError(t, resp, http.StatusUnprocessableEntity, "entity.invalid_input", "Invalid input. Value list must not be empty.")
	if len(body) != 2 {
		t.Errorf("body = %s, want only code and message", resp.body)
	}
}

// Logto 1.42's PUT /applications/{id}/roles removes the roles not listed and then inserts the
// ones not held yet; the insert of an empty list fails. So every PUT that adds nothing answers
// 422 although its removals took effect, while a PUT that adds a role answers 200.
func TestApplicationRoles_putAddingNothingFailsAfterRemoving(t *testing.T) {
	t.Parallel()
	f := newAppRolesFixture(t)
	// Positive control: a PUT that adds roles answers 200 and sets them.
	wantOK(t, f.put(t, f.a, f.b, f.c))
	f.wantHeld(t, "PUT a, b, c", f.a, f.b, f.c)

	wantNothingToInsert(t, f.put(t, f.a, f.b, f.c))
	f.wantHeld(t, "PUT of the same set", f.a, f.b, f.c)

	wantNothingToInsert(t, f.put(t, f.b, f.a))
	f.wantHeld(t, "PUT of a subset (c removed)", f.a, f.b)

	wantNothingToInsert(t, f.put(t))
	f.wantHeld(t, "PUT [] (every role removed)")

	wantNothingToInsert(t, f.put(t))
	f.wantHeld(t, "PUT [] with no role held")

	// Adding one: 200, whether nothing else changes, a role is kept or one is removed.
	wantOK(t, f.put(t, f.a))
	f.wantHeld(t, "PUT a", f.a)
	wantOK(t, f.put(t, f.a, f.b))
	f.wantHeld(t, "PUT a, b (a kept, b added)", f.a, f.b)
	wantOK(t, f.put(t, f.c, f.b))
	f.wantHeld(t, "PUT c, b (a removed, c added)", f.b, f.c)
}

// The roles a PUT keeps survive a failed insert, while those it removes are gone; an unknown
// role fails before anything changed.
func TestApplicationRoles_putFailuresAfterRemoving(t *testing.T) {
	t.Parallel()
	f := newAppRolesFixture(t)
	wantOK(t, f.put(t, f.a, f.b))

	wantError(t, f.put(t, f.a, "does-not-exist"),
		http.StatusNotFound, "entity.not_exists_with_id", "The roles with ID `does-not-exist` does not exist.")
	f.wantHeld(t, "PUT with an unknown role", f.a, f.b)

	// b is removed, a kept, and the insert of the User role fails.
	wantError(t, f.put(t, f.a, f.user),
		http.StatusUnprocessableEntity, "entity.db_constraint_violated", "Database constraint violated.")
	f.wantHeld(t, "PUT with a User role", f.a)

	// An id listed twice fails the insert on the unique key, which Logto does not map: a is
	// removed, c not added.
	resp := f.put(t, f.c, f.c)
	wantStatus(t, resp, http.StatusInternalServerError)
	if body := resp.object(t); len(body) != 1 || body["message"] != "Internal server error." {
		t.Errorf("body = %s", resp.body)
	}
	f.wantHeld(t, "PUT with an id twice")
}

// POST adds the roles not held yet and answers 201 naming them; held roles and repeated ids are
// dropped first, so repeating a POST changes nothing. The type check applies to the roles to
// add, before the check for unknown ids, and nothing is added when either fails.
func TestApplicationRoles_postSkipsHeldRoles(t *testing.T) {
	t.Parallel()
	f := newAppRolesFixture(t)
	added := func(t *testing.T, resp *response, asked, want string) {
		t.Helper()
		wantStatus(t, resp, http.StatusCreated)
		body := resp.object(t)
		if jsonString(body["roleIds"]) != asked || jsonString(body["addedRoleIds"]) != want {
			t.Errorf("POST answer = %s, want roleIds %s and addedRoleIds %s", resp.body, asked, want)
		}
	}
	added(t, f.post(t, f.a, f.a), `["`+f.a+`","`+f.a+`"]`, `["`+f.a+`"]`)
	added(t, f.post(t, f.a, f.b), `["`+f.a+`","`+f.b+`"]`, `["`+f.b+`"]`)
	added(t, f.post(t, f.a, f.b), `["`+f.a+`","`+f.b+`"]`, `[]`)
	added(t, f.post(t), `[]`, `[]`)
	f.wantHeld(t, "POSTs", f.a, f.b)

	wantError(t, f.post(t, f.c, f.user, "does-not-exist"),
		http.StatusUnprocessableEntity, "application.invalid_role_type", "Can not assign user type role to machine to machine application.")
	wantError(t, f.post(t, f.c, "does-not-exist"),
		http.StatusNotFound, "entity.not_exists_with_id", "The roles with ID `does-not-exist` does not exist.")
	f.wantHeld(t, "refused POSTs", f.a, f.b)

	wantStatus(t, f.tg.request(t, http.MethodDelete, f.path+"/"+f.a, nil), http.StatusNoContent)
	wantError(t, f.tg.request(t, http.MethodDelete, f.path+"/"+f.a, nil),
		http.StatusNotFound, "entity.not_found", "The resource does not exist.")
	f.wantHeld(t, "DELETE a", f.b)
}
