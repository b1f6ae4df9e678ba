package emulator_test

import (
	"net/http"
	"net/url"
	"testing"
)

// createRole creates a role (200) and deletes it when the test ends.
func (tg *target) createRole(t *testing.T, body map[string]any) string {
	t.Helper()
	resp := tg.request(t, http.MethodPost, "/api/roles", body)
	wantStatus(t, resp, http.StatusOK)
	id := str(resp.object(t)["id"])
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/roles/"+id) })
	return id
}

// createUser creates a user (200) and deletes it when the test ends.
func (tg *target) createUser(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	resp := tg.request(t, http.MethodPost, "/api/users", body)
	wantStatus(t, resp, http.StatusOK)
	user := resp.object(t)
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/users/"+str(user["id"])) })
	return user
}

func TestRoles_unknownScopeLeaksRole(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	name := uniqueName("ghost")
	wantError(t, tg.request(t, http.MethodPost, "/api/roles", map[string]any{"name": name, "description": "x", "scopeIds": []string{"does-not-exist"}}),
		http.StatusNotFound, "entity.not_exists_with_id", "The scopes with ID `does-not-exist` does not exist.")
	found := tg.request(t, http.MethodGet, "/api/roles?search="+url.QueryEscape(name), nil)
	wantStatus(t, found, http.StatusOK)
	rows := found.list(t)
	if len(rows) != 1 || found.header.Get("Total-Number") != "1" {
		t.Fatalf("role not left behind: %s", found.body)
	}
	tg.deleteQuietly(t, "/api/roles/"+str(field(rows[0], "id")))
	wantError(t, tg.request(t, http.MethodPost, "/api/roles", map[string]any{"name": uniqueName("r")}), http.StatusBadRequest, "guard.invalid_input", "")
}

func TestRoles_applicationRolesNotTransactional(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	app := str(tg.createApplication(t, map[string]any{"name": uniqueName("m2m"), "type": "MachineToMachine"})["id"])
	m2m := tg.createRole(t, map[string]any{"name": uniqueName("m2m"), "description": "m", "type": "MachineToMachine"})
	user := tg.createRole(t, map[string]any{"name": uniqueName("user"), "description": "u", "type": "User"})
	added := tg.request(t, http.MethodPost, "/api/applications/"+app+"/roles", map[string]any{"roleIds": []string{m2m}})
	wantStatus(t, added, http.StatusCreated)
	if jsonString(added.object(t)["addedRoleIds"]) != `["`+m2m+`"]` {
		t.Errorf("added = %s", added.body)
	}
	wantError(t, tg.request(t, http.MethodPost, "/api/applications/"+app+"/roles", map[string]any{"roleIds": []string{user}}),
		http.StatusUnprocessableEntity, "application.invalid_role_type", "Can not assign user type role to machine to machine application.")
	wantError(t, tg.request(t, http.MethodPut, "/api/applications/"+app+"/roles", map[string]any{"roleIds": []string{user}}),
		http.StatusUnprocessableEntity, "entity.db_constraint_violated", "Database constraint violated.")
	after := tg.request(t, http.MethodGet, "/api/applications/"+app+"/roles", nil)
	wantStatus(t, after, http.StatusOK)
	if len(after.list(t)) != 0 || after.header.Get("Total-Number") != "0" {
		t.Errorf("roles after failed PUT = %s (want none: PUT is not transactional)", after.body)
	}
	put := tg.request(t, http.MethodPut, "/api/applications/"+app+"/roles", map[string]any{"roleIds": []string{m2m}})
	wantStatus(t, put, http.StatusOK)
	if got := tg.request(t, http.MethodGet, "/api/applications/"+app+"/roles", nil).list(t); len(got) != 1 {
		t.Errorf("roles after PUT = %v", got)
	}
	trad := str(tg.createApplication(t, map[string]any{"name": uniqueName("web"), "type": "Traditional"})["id"])
	wantError(t, tg.request(t, http.MethodGet, "/api/applications/"+trad+"/roles", nil),
		http.StatusUnprocessableEntity, "application.invalid_type", "Only machine to machine applications can have associated roles.")
}

func TestUsers_searchPatchAndRoles(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	tag := randomHex(4)
	email := "u" + tag + "@example.com"
	u := tg.createUser(t, map[string]any{
		"username": "u_" + tag, "primaryEmail": email, "name": "n-" + tag, "password": "Str0ng-Passw0rd!",
		"customData": map[string]any{"a": 1}, "profile": map[string]any{"nickname": "x", "givenName": "G"},
	})
	if u["hasPassword"] != true || u["password"] != nil {
		t.Errorf("user answer = %v", u)
	}
	id := str(u["id"])
	wantError(t, tg.request(t, http.MethodPost, "/api/users", map[string]any{"username": "u_" + tag}),
		http.StatusUnprocessableEntity, "user.username_already_in_use", "This username is already in use.")
	if n := len(tg.request(t, http.MethodGet, "/api/users?search="+tag, nil).list(t)); n != 0 {
		t.Errorf("search without %% found %d users", n)
	}
	if n := len(tg.request(t, http.MethodGet, "/api/users?search="+url.QueryEscape("%"+tag+"%"), nil).list(t)); n != 1 {
		t.Errorf("search with %% found %d users, want 1", n)
	}
	exact := tg.request(t, http.MethodGet, "/api/users?search.primaryEmail="+url.QueryEscape(email)+"&mode.primaryEmail=exact", nil)
	if len(exact.list(t)) != 1 || exact.header.Get("Total-Number") != "1" {
		t.Errorf("exact search = %s", exact.body)
	}
	patched := tg.request(t, http.MethodPatch, "/api/users/"+id, map[string]any{"customData": map[string]any{"b": 2}})
	wantStatus(t, patched, http.StatusOK)
	if jsonString(patched.object(t)["customData"]) != `{"b":2}` {
		t.Errorf("PATCH customData = %s (want replaced)", patched.body)
	}
	merged := tg.request(t, http.MethodPatch, "/api/users/"+id+"/custom-data", map[string]any{"customData": map[string]any{"c": 3}})
	if jsonString(merged.object(t)) != `{"b":2,"c":3}` {
		t.Errorf("custom-data merge = %s", merged.body)
	}
	profile := tg.request(t, http.MethodPatch, "/api/users/"+id+"/profile", map[string]any{"profile": map[string]any{"locale": "en"}})
	if p := profile.object(t); p["nickname"] != "x" || p["locale"] != "en" {
		t.Errorf("profile merge = %s", profile.body)
	}
	wantError(t, tg.request(t, http.MethodPatch, "/api/users/"+id, map[string]any{}),
		http.StatusUnprocessableEntity, "entity.invalid_input", "Invalid input. Value list must not be empty.")

	userRole := tg.createRole(t, map[string]any{"name": uniqueName("ur"), "description": "u", "type": "User"})
	m2mRole := tg.createRole(t, map[string]any{"name": uniqueName("mr"), "description": "m", "type": "MachineToMachine"})
	wantStatus(t, tg.request(t, http.MethodPost, "/api/users/"+id+"/roles", map[string]any{"roleIds": []string{userRole}}), http.StatusCreated)
	wantError(t, tg.request(t, http.MethodPost, "/api/users/"+id+"/roles", map[string]any{"roleIds": []string{m2mRole}}),
		http.StatusUnprocessableEntity, "user.invalid_role_type", "Invalid role type, can not assign machine-to-machine role to user.")
	wantError(t, tg.request(t, http.MethodPut, "/api/users/"+id+"/roles", map[string]any{"roleIds": []string{m2mRole}}),
		http.StatusUnprocessableEntity, "entity.db_constraint_violated", "")
	if got := tg.request(t, http.MethodGet, "/api/users/"+id+"/roles", nil).list(t); len(got) != 0 {
		t.Errorf("user roles after failed PUT = %v (want none)", got)
	}
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/users/"+id, nil), http.StatusNoContent)
	wantError(t, tg.request(t, http.MethodGet, "/api/users/"+id, nil), http.StatusNotFound, "entity.not_found", "The resource does not exist.")
}
