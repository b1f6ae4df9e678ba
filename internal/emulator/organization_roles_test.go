package emulator_test

import (
	"net/http"
	"strings"
	"testing"
)

// Conformance tests of the organization template: /api/organization-scopes and
// /api/organization-roles with their scopes and resource scopes (captured in
// ../shared/logto/samples/14-organization-roles-and-scopes).

// createOrganizationScope creates an organization scope (201) and deletes it when the test ends.
func (tg *target) createOrganizationScope(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	resp := tg.request(t, http.MethodPost, "/api/organization-scopes", body)
	wantStatus(t, resp, http.StatusCreated)
	sc := resp.object(t)
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/organization-scopes/"+str(sc["id"])) })
	return sc
}

// createOrganizationRole creates an organization role (201) and deletes it when the test ends.
func (tg *target) createOrganizationRole(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	resp := tg.request(t, http.MethodPost, "/api/organization-roles", body)
	wantStatus(t, resp, http.StatusCreated)
	role := resp.object(t)
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/organization-roles/"+str(role["id"])) })
	return role
}

// wantCreated checks Koa's answer to a 201 without a body: "Created" as text.
func wantCreated(t *testing.T, resp *response) {
	t.Helper()
	wantStatus(t, resp, http.StatusCreated)
	if ct := resp.header.Get("Content-Type"); ct != "text/plain; charset=utf-8" || string(resp.body) != "Created" {
		t.Errorf("answer = %q (%s), want \"Created\" as text", resp.body, ct)
	}
}

func TestOrganizationScopes_lifecycle(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	tag := uniqueName("scope")
	resp := tg.request(t, http.MethodPost, "/api/organization-scopes", map[string]any{"name": tag + ":read", "description": "Read docs"})
	wantStatus(t, resp, http.StatusCreated)
	read := resp.object(t)
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/organization-scopes/"+str(read["id"])) })
	if got := strings.Join(keyOrder(t, resp.body), ","); got != "tenantId,id,name,description" || !standardID.MatchString(str(read["id"])) {
		t.Errorf("created scope = %s", resp.body)
	}
	write := tg.createOrganizationScope(t, map[string]any{"name": tag + ":write"})
	if write["description"] != nil {
		t.Errorf("description default = %v, want null", write["description"])
	}
	readID, writeID := str(read["id"]), str(write["id"])
	wantError(t, tg.request(t, http.MethodPost, "/api/organization-scopes", map[string]any{"name": tag + ":read"}),
		http.StatusUnprocessableEntity, "entity.unique_integrity_violation", "The entity already exists. Please check the input and try again.")
	if issues := wantIssues(t, tg.request(t, http.MethodPost, "/api/organization-scopes", map[string]any{}), "body"); pathOf(issues[0]) != "name" {
		t.Errorf("missing name: %v", issues)
	}

	got := tg.request(t, http.MethodGet, "/api/organization-scopes/"+readID, nil)
	wantStatus(t, got, http.StatusOK)
	if string(got.body) != string(resp.body) {
		t.Errorf("GET = %s", got.body)
	}
	patched := tg.request(t, http.MethodPatch, "/api/organization-scopes/"+readID, map[string]any{"description": "Read all docs"})
	wantStatus(t, patched, http.StatusOK)
	if p := patched.object(t); p["description"] != "Read all docs" || p["name"] != tag+":read" {
		t.Errorf("PATCH = %s", patched.body)
	}
	wantError(t, tg.request(t, http.MethodPatch, "/api/organization-scopes/"+writeID, map[string]any{"name": tag + ":read"}),
		http.StatusUnprocessableEntity, "entity.unique_integrity_violation", "")
	wantError(t, tg.request(t, http.MethodPatch, "/api/organization-scopes/"+writeID, map[string]any{}),
		http.StatusUnprocessableEntity, "entity.invalid_input", "Invalid input. Value list must not be empty.")
	wantError(t, tg.request(t, http.MethodPatch, "/api/organization-scopes/does-not-exist", map[string]any{"name": "x"}),
		http.StatusNotFound, "entity.not_exists", "The organization_scope does not exist.")
	wantError(t, tg.request(t, http.MethodGet, "/api/organization-scopes/does-not-exist", nil),
		http.StatusNotFound, "entity.not_exists_with_id", "The organization_scopes with ID `does-not-exist` does not exist.")

	// Paging is optional; the list is ordered by name; q searches the name.
	all := tg.request(t, http.MethodGet, "/api/organization-scopes?q="+tag, nil)
	wantStatus(t, all, http.StatusOK)
	if got := strings.Join(listIDs(t, all), ","); got != readID+","+writeID || all.header.Get("Total-Number") != "" {
		t.Errorf("list = %s (Total-Number %q), want read then write, unpaged", all.body, all.header.Get("Total-Number"))
	}
	page := tg.request(t, http.MethodGet, "/api/organization-scopes?q="+tag+"&page=2&page_size=1", nil)
	if got := strings.Join(listIDs(t, page), ","); got != writeID || page.header.Get("Total-Number") != "2" {
		t.Errorf("page 2 = %s (Total-Number %q)", page.body, page.header.Get("Total-Number"))
	}

	wantStatus(t, tg.request(t, http.MethodDelete, "/api/organization-scopes/"+writeID, nil), http.StatusNoContent)
	wantError(t, tg.request(t, http.MethodDelete, "/api/organization-scopes/"+writeID, nil),
		http.StatusNotFound, "entity.not_found", "The resource does not exist.")
}

func TestOrganizationRoles_lifecycle(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	tag := uniqueName("role")
	scope := str(tg.createOrganizationScope(t, map[string]any{"name": tag + ":read"})["id"])
	resp := tg.request(t, http.MethodPost, "/api/organization-roles", map[string]any{
		"name": tag + "-editor", "description": "Editor", "organizationScopeIds": []string{scope},
	})
	wantStatus(t, resp, http.StatusCreated)
	editor := resp.object(t)
	editorID := str(editor["id"])
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/organization-roles/"+editorID) })
	if got := strings.Join(keyOrder(t, resp.body), ","); got != "tenantId,id,name,description,type" || editor["type"] != "User" ||
		!standardID.MatchString(editorID) {
		t.Errorf("created role = %s", resp.body)
	}
	bot := tg.createOrganizationRole(t, map[string]any{"name": tag + "-bot", "type": "MachineToMachine"})
	if bot["type"] != "MachineToMachine" || bot["description"] != nil {
		t.Errorf("M2M role = %v", bot)
	}
	wantError(t, tg.request(t, http.MethodPost, "/api/organization-roles", map[string]any{"name": tag + "-editor"}),
		http.StatusUnprocessableEntity, "entity.unique_integrity_violation", "")
	ghost := tag + "-ghost"
	wantError(t, tg.request(t, http.MethodPost, "/api/organization-roles", map[string]any{"name": ghost, "organizationScopeIds": []string{"does-not-exist"}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found",
		"Cannot find one or more foreign keys. Please check the input and ensure that all referenced entities exist.")
	if n := len(tg.request(t, http.MethodGet, "/api/organization-roles?q="+ghost, nil).list(t)); n != 0 {
		t.Errorf("a role created with an unknown scope was left behind (%d)", n)
	}
	issues := wantIssues(t, tg.request(t, http.MethodPost, "/api/organization-roles", map[string]any{"name": tag + "-x", "type": "Admin"}), "body")
	if pathOf(issues[0]) != "type" || issues[0]["code"] != "invalid_enum_value" {
		t.Errorf("bad type: %v", issues)
	}

	got := tg.request(t, http.MethodGet, "/api/organization-roles/"+editorID, nil)
	wantStatus(t, got, http.StatusOK)
	if string(got.body) != string(resp.body) {
		t.Errorf("GET = %s, want the role without scopes", got.body)
	}
	wantError(t, tg.request(t, http.MethodGet, "/api/organization-roles/does-not-exist", nil),
		http.StatusNotFound, "entity.not_found", "The resource does not exist.")
	patched := tg.request(t, http.MethodPatch, "/api/organization-roles/"+editorID, map[string]any{"description": "Editor (updated)"})
	wantStatus(t, patched, http.StatusOK)
	if p := patched.object(t); p["description"] != "Editor (updated)" || p["name"] != tag+"-editor" {
		t.Errorf("PATCH = %s", patched.body)
	}
	wantError(t, tg.request(t, http.MethodPatch, "/api/organization-roles/"+editorID, map[string]any{"name": tag + "-bot"}),
		http.StatusUnprocessableEntity, "entity.unique_integrity_violation", "")
	wantError(t, tg.request(t, http.MethodPatch, "/api/organization-roles/"+editorID, map[string]any{}),
		http.StatusUnprocessableEntity, "entity.invalid_input", "")
	wantError(t, tg.request(t, http.MethodPatch, "/api/organization-roles/does-not-exist", map[string]any{"name": "x"}),
		http.StatusNotFound, "entity.not_exists", "The organization_role does not exist.")

	// The list is always paged, ordered by name, with each role's scopes as {id, name}.
	list := tg.request(t, http.MethodGet, "/api/organization-roles?q="+tag, nil)
	wantStatus(t, list, http.StatusOK)
	if got := strings.Join(listIDs(t, list), ","); got != str(bot["id"])+","+editorID || list.header.Get("Total-Number") != "2" {
		t.Errorf("list = %s (Total-Number %q), want bot then editor", list.body, list.header.Get("Total-Number"))
	}
	rows := list.list(t)
	if want := `[{"id":"` + scope + `","name":"` + tag + `:read"}]`; jsonString(field(rows[1], "scopes")) != want ||
		jsonString(field(rows[1], "resourceScopes")) != "[]" || jsonString(field(rows[0], "scopes")) != "[]" {
		t.Errorf("list scopes = %s", list.body)
	}
	if n := len(tg.request(t, http.MethodGet, "/api/organization-roles?q=Editor+(updated)", nil).list(t)); n < 1 {
		t.Errorf("q does not search the description")
	}

	wantStatus(t, tg.request(t, http.MethodDelete, "/api/organization-roles/"+str(bot["id"]), nil), http.StatusNoContent)
	wantError(t, tg.request(t, http.MethodDelete, "/api/organization-roles/"+str(bot["id"]), nil), http.StatusNotFound, "entity.not_found", "")
}

func TestOrganizationRoles_scopeLinks(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	tag := uniqueName("links")
	read := str(tg.createOrganizationScope(t, map[string]any{"name": tag + ":read", "description": "r"})["id"])
	write := str(tg.createOrganizationScope(t, map[string]any{"name": tag + ":write"})["id"])
	role := str(tg.createOrganizationRole(t, map[string]any{"name": tag, "organizationScopeIds": []string{read}})["id"])
	base := "/api/organization-roles/" + role + "/scopes"
	scopesOf := func() []string {
		t.Helper()
		resp := tg.request(t, http.MethodGet, base, nil)
		wantStatus(t, resp, http.StatusOK)
		if resp.header.Get("Total-Number") != "" {
			t.Errorf("unpaged list has Total-Number")
		}
		return listIDs(t, resp)
	}
	first := tg.request(t, http.MethodGet, base, nil)
	if got := string(first.body); got != `[{"tenantId":"default","id":"`+read+`","name":"`+tag+`:read","description":"r"}]` {
		t.Errorf("role scopes = %s", first.body)
	}
	wantCreated(t, tg.request(t, http.MethodPost, base, map[string]any{"organizationScopeIds": []string{write}}))
	wantCreated(t, tg.request(t, http.MethodPost, base, map[string]any{"organizationScopeIds": []string{write}}))
	if got := scopesOf(); !sameSet(got, []string{read, write}) {
		t.Errorf("after POST: %v", got)
	}
	paged := tg.request(t, http.MethodGet, base+"?page=1&page_size=1", nil)
	if len(paged.list(t)) != 1 || paged.header.Get("Total-Number") != "2" {
		t.Errorf("paged = %s (Total-Number %q)", paged.body, paged.header.Get("Total-Number"))
	}
	wantError(t, tg.request(t, http.MethodPost, base, map[string]any{"organizationScopeIds": []string{"does-not-exist"}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	if issues := wantIssues(t, tg.request(t, http.MethodPost, base, map[string]any{"organizationScopeIds": []string{}}), "body"); issues[0]["code"] != "too_small" {
		t.Errorf("empty POST: %v", issues)
	}

	wantStatus(t, tg.request(t, http.MethodPut, base, map[string]any{"organizationScopeIds": []string{read}}), http.StatusNoContent)
	if got := scopesOf(); len(got) != 1 || got[0] != read {
		t.Errorf("after PUT: %v", got)
	}
	// PUT is transactional: a repeated or unknown id changes nothing.
	wantError(t, tg.request(t, http.MethodPut, base, map[string]any{"organizationScopeIds": []string{write, write}}),
		http.StatusUnprocessableEntity, "entity.unique_integrity_violation", "")
	wantError(t, tg.request(t, http.MethodPut, base, map[string]any{"organizationScopeIds": []string{write, "does-not-exist"}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	if got := scopesOf(); len(got) != 1 || got[0] != read {
		t.Errorf("after failed PUTs: %v (want unchanged)", got)
	}
	wantStatus(t, tg.request(t, http.MethodDelete, base+"/"+read, nil), http.StatusNoContent)
	wantError(t, tg.request(t, http.MethodDelete, base+"/"+read, nil), http.StatusNotFound, "entity.not_found", "The resource does not exist.")
	wantStatus(t, tg.request(t, http.MethodPut, base, map[string]any{"organizationScopeIds": []string{read, write}}), http.StatusNoContent)

	// Deleting an organization scope takes it off every role.
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/organization-scopes/"+write, nil), http.StatusNoContent)
	if got := scopesOf(); len(got) != 1 || got[0] != read {
		t.Errorf("after deleting a scope: %v", got)
	}

	missing := "/api/organization-roles/does-not-exist/scopes"
	wantError(t, tg.request(t, http.MethodGet, missing, nil), http.StatusNotFound, "entity.not_found", "")
	wantError(t, tg.request(t, http.MethodPost, missing, map[string]any{"organizationScopeIds": []string{read}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	wantStatus(t, tg.request(t, http.MethodPut, missing, map[string]any{"organizationScopeIds": []string{}}), http.StatusNoContent)
}

func TestOrganizationRoles_resourceScopes(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	tag := uniqueName("rs")
	res := tg.createResource(t, map[string]any{"name": tag, "indicator": "https://" + tag + ".example.com"})
	resID := str(res["id"])
	created := tg.request(t, http.MethodPost, "/api/resources/"+resID+"/scopes", map[string]any{"name": "read:" + tag})
	wantStatus(t, created, http.StatusCreated)
	scope := created.object(t)
	role := str(tg.createOrganizationRole(t, map[string]any{"name": tag, "resourceScopeIds": []string{str(scope["id"])}})["id"])
	base := "/api/organization-roles/" + role + "/resource-scopes"
	got := tg.request(t, http.MethodGet, base, nil)
	wantStatus(t, got, http.StatusOK)
	if rows := got.list(t); len(rows) != 1 || jsonString(rows[0]) != jsonString(scope) {
		t.Errorf("resource scopes = %s, want [%s]", got.body, jsonString(scope))
	}
	list := tg.request(t, http.MethodGet, "/api/organization-roles?q="+tag, nil)
	want := `[{"id":"` + str(scope["id"]) + `","name":"read:` + tag + `","resource":{"id":"` + resID + `","name":"` + tag + `"}}]`
	if rows := list.list(t); len(rows) != 1 || jsonString(field(rows[0], "resourceScopes")) != want {
		t.Errorf("list resourceScopes = %s, want %s", list.body, want)
	}
	wantError(t, tg.request(t, http.MethodPost, base, map[string]any{"scopeIds": []string{"does-not-exist"}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	wantError(t, tg.request(t, http.MethodPost, "/api/organization-roles", map[string]any{"name": tag + "-2", "resourceScopeIds": []string{"does-not-exist"}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	// Deleting the API resource deletes its scopes, which leave the role.
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/resources/"+resID, nil), http.StatusNoContent)
	if rows := tg.request(t, http.MethodGet, base, nil).list(t); len(rows) != 0 {
		t.Errorf("resource scopes after deleting the resource = %v", rows)
	}
}
