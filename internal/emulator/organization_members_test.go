package emulator_test

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
)

// Conformance tests of organization members (users) and their organization roles, and of
// GET /api/users/{id}/organizations (captured in part in ../shared/logto/samples/18-users).

const organizationUserKeys = "id,username,primaryEmail,primaryPhone,name,avatar,customData,identities,lastSignInAt," +
	"createdAt,updatedAt,profile,applicationId,isSuspended,organizationRoles"

func TestOrganizationUsers_membership(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	tag := randomHex(4)
	org := str(tg.createOrganization(t, map[string]any{"name": uniqueName("members")})["id"])
	u1 := str(tg.createUser(t, map[string]any{"username": "m1_" + tag, "name": "Member " + tag})["id"])
	u2 := str(tg.createUser(t, map[string]any{"username": "m2_" + tag})["id"])
	base := "/api/organizations/" + org + "/users"

	added := tg.request(t, http.MethodPost, base, map[string]any{"userIds": []string{u1, u1}})
	wantStatus(t, added, http.StatusCreated)
	if want := `{"userIds":["` + u1 + `","` + u1 + `"]}`; string(added.body) != want {
		t.Errorf("POST users = %s, want the body echoed %s", added.body, want)
	}
	wantStatus(t, tg.request(t, http.MethodPost, base, map[string]any{"userIds": []string{u1}}), http.StatusCreated) // twice: fine
	wantError(t, tg.request(t, http.MethodPost, base, map[string]any{"userIds": []string{"does-not-exist"}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	wantError(t, tg.request(t, http.MethodPost, "/api/organizations/does-not-exist/users", map[string]any{"userIds": []string{u1}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	if issues := wantIssues(t, tg.request(t, http.MethodPost, base, map[string]any{"userIds": []string{}}), "body"); issues[0]["code"] != "too_small" {
		t.Errorf("empty userIds: %v", issues)
	}

	list := tg.request(t, http.MethodGet, base, nil)
	wantStatus(t, list, http.StatusOK)
	if ids := listIDs(t, list); len(ids) != 1 || ids[0] != u1 || list.header.Get("Total-Number") != "1" {
		t.Fatalf("members = %s", list.body)
	}
	row := strings.TrimSuffix(strings.TrimPrefix(string(list.body), "["), "]")
	if got := strings.Join(keyOrder(t, []byte(row)), ","); got != organizationUserKeys {
		t.Errorf("member keys = %s, want %s", got, organizationUserKeys)
	}
	for query, want := range map[string]int{"q=M1_" + tag: 1, "q=member+" + tag: 1, "q=m2_" + tag: 0, "q=" + u1[:6]: 1} {
		if n := len(tg.request(t, http.MethodGet, base+"?"+query, nil).list(t)); n != want {
			t.Errorf("%s: %d members, want %d", query, n, want)
		}
	}
	if got := tg.request(t, http.MethodGet, "/api/organizations/does-not-exist/users", nil); got.status != http.StatusOK ||
		string(got.body) != "[]" || got.header.Get("Total-Number") != "0" {
		t.Errorf("members of a missing organization = %d %s", got.status, got.body)
	}

	orgs := tg.request(t, http.MethodGet, "/api/users/"+u1+"/organizations", nil)
	wantStatus(t, orgs, http.StatusOK)
	if rows := orgs.list(t); len(rows) != 1 || field(rows[0], "id") != org || jsonString(field(rows[0], "organizationRoles")) != "[]" {
		t.Errorf("user organizations = %s", orgs.body)
	}
	if got := strings.Join(keyOrder(t, []byte(strings.Trim(string(orgs.body), "[]"))), ","); got != organizationKeys+",organizationRoles" {
		t.Errorf("user organization keys = %s", got)
	}
	wantError(t, tg.request(t, http.MethodGet, "/api/users/does-not-exist/organizations", nil), http.StatusNotFound, "entity.not_found", "")

	// PUT replaces the members; DELETE removes one.
	wantStatus(t, tg.request(t, http.MethodPut, base, map[string]any{"userIds": []string{u2, u2}}), http.StatusNoContent)
	if ids := listIDs(t, tg.request(t, http.MethodGet, base, nil)); len(ids) != 1 || ids[0] != u2 {
		t.Errorf("after PUT = %v", ids)
	}
	wantError(t, tg.request(t, http.MethodPut, base, map[string]any{"userIds": []string{u1, "does-not-exist"}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	if ids := listIDs(t, tg.request(t, http.MethodGet, base, nil)); len(ids) != 1 || ids[0] != u2 {
		t.Errorf("after a failed PUT = %v (want unchanged)", ids)
	}
	wantStatus(t, tg.request(t, http.MethodDelete, base+"/"+u2, nil), http.StatusNoContent)
	wantError(t, tg.request(t, http.MethodDelete, base+"/"+u2, nil), http.StatusNotFound, "entity.not_found", "The resource does not exist.")
	wantStatus(t, tg.request(t, http.MethodPost, base, map[string]any{"userIds": []string{u1, u2}}), http.StatusCreated)
	wantStatus(t, tg.request(t, http.MethodPut, base, map[string]any{"userIds": []string{}}), http.StatusNoContent)
	if got := tg.request(t, http.MethodGet, base, nil); string(got.body) != "[]" {
		t.Errorf("after PUT [] = %s", got.body)
	}

	// Deleting a user ends its memberships.
	wantStatus(t, tg.request(t, http.MethodPost, base, map[string]any{"userIds": []string{u1, u2}}), http.StatusCreated)
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/users/"+u2, nil), http.StatusNoContent)
	if ids := listIDs(t, tg.request(t, http.MethodGet, base, nil)); len(ids) != 1 || ids[0] != u1 {
		t.Errorf("members after deleting a user = %v", ids)
	}
}

func TestOrganizationUsers_roles(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	tag := uniqueName("member-roles")
	org := str(tg.createOrganization(t, map[string]any{"name": tag})["id"])
	member := str(tg.createUser(t, map[string]any{"name": tag})["id"])
	outsider := str(tg.createUser(t, map[string]any{"name": tag + "-out"})["id"])
	viewer := tg.createOrganizationRole(t, map[string]any{"name": tag + "-viewer"})
	editor := tg.createOrganizationRole(t, map[string]any{"name": tag + "-editor"})
	bot := str(tg.createOrganizationRole(t, map[string]any{"name": tag + "-bot", "type": "MachineToMachine"})["id"])
	viewerID, editorID := str(viewer["id"]), str(editor["id"])
	wantStatus(t, tg.request(t, http.MethodPost, "/api/organizations/"+org+"/users", map[string]any{"userIds": []string{member}}), http.StatusCreated)
	base := "/api/organizations/" + org + "/users/" + member + "/roles"
	rolesOf := func() []string {
		t.Helper()
		resp := tg.request(t, http.MethodGet, base, nil)
		wantStatus(t, resp, http.StatusOK)
		return listIDs(t, resp)
	}

	// Membership is checked before anything else, the body included.
	outside := "/api/organizations/" + org + "/users/" + outsider + "/roles"
	for _, c := range []struct {
		method string
		body   any
	}{{http.MethodGet, nil}, {http.MethodPost, map[string]any{"organizationRoleIds": 5}}, {http.MethodPut, map[string]any{}}, {http.MethodDelete, nil}} {
		path := outside
		if c.method == http.MethodDelete {
			path += "/" + viewerID
		}
		wantError(t, tg.request(t, c.method, path, c.body), http.StatusUnprocessableEntity, "organization.require_membership",
			"The user must be a member of the organization to proceed.")
	}

	added := tg.request(t, http.MethodPost, base, map[string]any{"organizationRoleIds": []string{viewerID, viewerID}})
	wantStatus(t, added, http.StatusCreated)
	if string(added.body) != `{"organizationRoleIds":["`+viewerID+`"]}` {
		t.Errorf("POST roles = %s (deduplicated ids)", added.body)
	}
	byName := tg.request(t, http.MethodPost, base, map[string]any{"organizationRoleNames": []string{tag + "-editor"}})
	wantStatus(t, byName, http.StatusCreated)
	if string(byName.body) != `{"organizationRoleIds":["`+editorID+`"]}` {
		t.Errorf("POST roles by name = %s", byName.body)
	}
	if got := rolesOf(); !sameSet(got, []string{viewerID, editorID}) {
		t.Errorf("roles = %v", got)
	}
	wantError(t, tg.request(t, http.MethodPost, base, map[string]any{"organizationRoleNames": []string{"nope-" + tag, "gone-" + tag}}),
		http.StatusUnprocessableEntity, "organization.role_names_not_found",
		"Invalid role names detected: nope-"+tag+" and gone-"+tag+". Please create these roles first before proceeding.")
	wantError(t, tg.request(t, http.MethodPost, base, map[string]any{"organizationRoleIds": []string{bot}}),
		http.StatusUnprocessableEntity, "entity.db_constraint_violated", "Database constraint violated.")
	wantError(t, tg.request(t, http.MethodPost, base, map[string]any{"organizationRoleIds": []string{"does-not-exist"}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	wantError(t, tg.request(t, http.MethodPost, base, map[string]any{}),
		http.StatusUnprocessableEntity, "entity.invalid_input", "Invalid input. Value list must not be empty.")

	// PUT is transactional here (unlike PUT /api/users/{id}/roles).
	wantError(t, tg.request(t, http.MethodPut, base, map[string]any{"organizationRoleIds": []string{viewerID, "does-not-exist"}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	wantError(t, tg.request(t, http.MethodPut, base, map[string]any{"organizationRoleIds": []string{bot}}),
		http.StatusUnprocessableEntity, "entity.db_constraint_violated", "")
	if got := rolesOf(); !sameSet(got, []string{viewerID, editorID}) {
		t.Errorf("roles after failed PUTs = %v (want unchanged)", got)
	}
	wantStatus(t, tg.request(t, http.MethodPut, base, map[string]any{"organizationRoleIds": []string{editorID}, "organizationRoleNames": []string{tag + "-editor"}}), http.StatusNoContent)
	if got := rolesOf(); len(got) != 1 || got[0] != editorID {
		t.Errorf("roles after PUT = %v", got)
	}

	members := tg.request(t, http.MethodGet, "/api/organizations/"+org+"/users", nil)
	if rows := members.list(t); len(rows) != 1 || jsonString(field(rows[0], "organizationRoles")) != `[{"id":"`+editorID+`","name":"`+tag+`-editor"}]` {
		t.Errorf("members with roles = %s", members.body)
	}
	for roleID, want := range map[string]int{editorID: 1, viewerID: 0} {
		if n := len(tg.request(t, http.MethodGet, "/api/organizations/"+org+"/users?organizationRoleId="+roleID, nil).list(t)); n != want {
			t.Errorf("organizationRoleId=%s: %d members, want %d", roleID, n, want)
		}
	}
	orgs := tg.request(t, http.MethodGet, "/api/users/"+member+"/organizations", nil)
	if rows := orgs.list(t); len(rows) != 1 || jsonString(field(rows[0], "organizationRoles")) != `[{"id":"`+editorID+`","name":"`+tag+`-editor"}]` {
		t.Errorf("user organizations = %s", orgs.body)
	}

	// The bulk route gives every role to every user; non-members fail on the foreign key.
	bulk := "/api/organizations/" + org + "/users/roles"
	wantError(t, tg.request(t, http.MethodPost, bulk, map[string]any{"userIds": []string{outsider}, "organizationRoleIds": []string{viewerID}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	wantCreated(t, tg.request(t, http.MethodPost, bulk, map[string]any{"userIds": []string{member}, "organizationRoleIds": []string{viewerID, editorID}}))
	if got := rolesOf(); !sameSet(got, []string{viewerID, editorID}) {
		t.Errorf("roles after bulk POST = %v", got)
	}
	issues := wantIssues(t, tg.request(t, http.MethodPost, bulk, map[string]any{"userIds": []string{}}), "body")
	if len(issues) != 2 || pathOf(issues[0]) != "userIds" || pathOf(issues[1]) != "organizationRoleIds" {
		t.Errorf("bulk issues = %v", issues)
	}

	wantStatus(t, tg.request(t, http.MethodDelete, base+"/"+viewerID, nil), http.StatusNoContent)
	wantError(t, tg.request(t, http.MethodDelete, base+"/"+viewerID, nil), http.StatusNotFound, "entity.not_found", "")
	// Deleting a role takes it from every member; leaving the organization drops the roles.
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/organization-roles/"+editorID, nil), http.StatusNoContent)
	if got := rolesOf(); len(got) != 0 {
		t.Errorf("roles after deleting the role = %v", got)
	}
	wantStatus(t, tg.request(t, http.MethodPost, base, map[string]any{"organizationRoleIds": []string{viewerID}}), http.StatusCreated)
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/organizations/"+org+"/users/"+member, nil), http.StatusNoContent)
	wantStatus(t, tg.request(t, http.MethodPost, "/api/organizations/"+org+"/users", map[string]any{"userIds": []string{member}}), http.StatusCreated)
	if got := rolesOf(); len(got) != 0 {
		t.Errorf("roles after leaving and joining again = %v", got)
	}
}

// TestOrganizationUsers_pagingOver20 pages through 23 members, which Logto orders by user id.
func TestOrganizationUsers_pagingOver20(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	org := str(tg.createOrganization(t, map[string]any{"name": uniqueName("paging")})["id"])
	var users []string
	for i := range 23 {
		users = append(users, str(tg.createUser(t, map[string]any{"name": fmt.Sprintf("paging-%02d", i)})["id"]))
	}
	base := "/api/organizations/" + org + "/users"
	wantStatus(t, tg.request(t, http.MethodPut, base, map[string]any{"userIds": users}), http.StatusNoContent)
	first := tg.request(t, http.MethodGet, base, nil)
	second := tg.request(t, http.MethodGet, base+"?page=2", nil)
	got := append(listIDs(t, first), listIDs(t, second)...)
	want := append([]string{}, users...)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("members over two pages = %v, want %v (by id)", got, want)
	}
	if first.header.Get("Total-Number") != "23" || len(listIDs(t, first)) != 20 || len(listIDs(t, second)) != 3 {
		t.Errorf("Total-Number %q, pages of %d and %d", first.header.Get("Total-Number"), len(listIDs(t, first)), len(listIDs(t, second)))
	}
	if l := links(first); !strings.Contains(l, `page=2>; rel="last"`) || !strings.Contains(l, `page=2>; rel="next"`) {
		t.Errorf("Link = %s", l)
	}
}
