package emulator_test

import (
	"net/http"
	"testing"
)

// createResource creates an API resource (201) and deletes it when the test ends.
func (tg *target) createResource(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	resp := tg.request(t, http.MethodPost, "/api/resources", body)
	wantStatus(t, resp, http.StatusCreated)
	res := resp.object(t)
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/resources/"+str(res["id"])) })
	return res
}

func TestResources_lifecycle(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	indicator := "https://" + uniqueName("api") + ".example.com"
	res := tg.createResource(t, map[string]any{"name": uniqueName("api"), "indicator": indicator, "accessTokenTtl": 7200})
	if got := jsonString(res["scopes"]); got != "[]" || num(res["accessTokenTtl"]) != 7200 || res["isDefault"] != false {
		t.Errorf("created resource = %v", res)
	}
	id := str(res["id"])
	wantError(t, tg.request(t, http.MethodPost, "/api/resources", map[string]any{"name": "dup", "indicator": indicator}),
		http.StatusUnprocessableEntity, "resource.resource_identifier_in_use", "The API identifier "+indicator+" is already in use")
	issues := wantIssues(t, tg.request(t, http.MethodPost, "/api/resources", map[string]any{"name": "x"}), "body")
	if pathOf(issues[0]) != "indicator" {
		t.Errorf("issues = %v", issues)
	}
	got := tg.request(t, http.MethodGet, "/api/resources/"+id, nil)
	wantStatus(t, got, http.StatusOK)
	if _, has := got.object(t)["scopes"]; has {
		t.Errorf("GET answers scopes: %s", got.body)
	}
	patched := tg.request(t, http.MethodPatch, "/api/resources/"+id, map[string]any{"name": "renamed-" + id})
	wantStatus(t, patched, http.StatusOK)
	if patched.object(t)["name"] != "renamed-"+id || num(patched.object(t)["accessTokenTtl"]) != 7200 {
		t.Errorf("patched = %s", patched.body)
	}

	sc := tg.request(t, http.MethodPost, "/api/resources/"+id+"/scopes", map[string]any{"name": "read:items"})
	wantStatus(t, sc, http.StatusCreated)
	if sc.object(t)["description"] != nil || sc.object(t)["resourceId"] != id {
		t.Errorf("scope = %s", sc.body)
	}
	wantError(t, tg.request(t, http.MethodPost, "/api/resources/"+id+"/scopes", map[string]any{"name": "read:items"}),
		http.StatusUnprocessableEntity, "scope.name_exists", "The scope name read:items is already in use")
	wantError(t, tg.request(t, http.MethodPost, "/api/resources/"+id+"/scopes", map[string]any{"name": "bad scope"}),
		http.StatusBadRequest, "scope.name_with_space", "The name of the scope cannot contain any spaces.")
	scopes := tg.request(t, http.MethodGet, "/api/resources/"+id+"/scopes", nil)
	wantStatus(t, scopes, http.StatusOK)
	if len(scopes.list(t)) != 1 {
		t.Errorf("scopes = %s", scopes.body)
	}
	wantError(t, tg.request(t, http.MethodDelete, "/api/resources/"+id+"/scopes/does-not-exist", nil),
		http.StatusNotFound, "entity.not_found", "The resource does not exist.")
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/resources/"+id+"/scopes/"+str(sc.object(t)["id"]), nil), http.StatusNoContent)
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/resources/"+id, nil), http.StatusNoContent)
	wantError(t, tg.request(t, http.MethodGet, "/api/resources/"+id, nil), http.StatusNotFound,
		"entity.not_exists_with_id", "The resources with ID `"+id+"` does not exist.")
}

func TestResources_managementAPISeeded(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	resp := tg.request(t, http.MethodGet, "/api/resources?includeScopes=true", nil)
	wantStatus(t, resp, http.StatusOK)
	if resp.header.Get("Total-Number") != "" {
		t.Errorf("unpaged list has Total-Number")
	}
	var mgmt map[string]any
	for _, item := range resp.list(t) {
		if field(item, "indicator") == tg.resource {
			mgmt, _ = item.(map[string]any)
		}
	}
	if mgmt == nil || mgmt["name"] != "Logto Management API" {
		t.Fatalf("no Management API resource in %s", resp.body)
	}
	scopes := list(mgmt["scopes"])
	if len(scopes) != 1 || field(scopes[0], "name") != "all" {
		t.Errorf("management scopes = %v", scopes)
	}
	wantError(t, tg.request(t, http.MethodDelete, "/api/resources/"+str(mgmt["id"]), nil),
		http.StatusBadRequest, "resource.cannot_delete_management_api", "Cannot delete Logto Management API.")
	// Positive control: an ordinary resource can be deleted.
	res := tg.createResource(t, map[string]any{"name": uniqueName("api"), "indicator": uniqueName("urn")})
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/resources/"+str(res["id"]), nil), http.StatusNoContent)
}

func TestResources_isDefault(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	a := tg.createResource(t, map[string]any{"name": uniqueName("a"), "indicator": uniqueName("urn-a")})
	b := tg.createResource(t, map[string]any{"name": uniqueName("b"), "indicator": uniqueName("urn-b")})
	for _, res := range []map[string]any{a, b} {
		resp := tg.request(t, http.MethodPatch, "/api/resources/"+str(res["id"])+"/is-default", map[string]any{"isDefault": true})
		wantStatus(t, resp, http.StatusOK)
		if resp.object(t)["isDefault"] != true {
			t.Errorf("is-default answer = %s", resp.body)
		}
	}
	if got := tg.request(t, http.MethodGet, "/api/resources/"+str(a["id"]), nil).object(t)["isDefault"]; got != false {
		t.Errorf("first resource still default after the second became default")
	}
	wantStatus(t, tg.request(t, http.MethodPatch, "/api/resources/"+str(b["id"])+"/is-default", map[string]any{"isDefault": false}), http.StatusOK)
}
