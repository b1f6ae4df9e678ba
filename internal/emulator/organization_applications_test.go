package emulator_test

import (
	"net/http"
	"strings"
	"testing"
)

// Conformance tests of machine-to-machine applications in organizations and their organization
// roles, and of GET /api/applications/{id}/organizations.

func TestOrganizationApplications_membershipAndRoles(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	tag := uniqueName("org-apps")
	org := str(tg.createOrganization(t, map[string]any{"name": tag})["id"])
	m2m := str(tg.createApplication(t, map[string]any{"name": tag + "-m2m", "type": "MachineToMachine"})["id"])
	spa := str(tg.createApplication(t, map[string]any{"name": tag + "-spa", "type": "SPA"})["id"])
	bot := tg.createOrganizationRole(t, map[string]any{"name": tag + "-bot", "type": "MachineToMachine"})
	botID := str(bot["id"])
	userRole := str(tg.createOrganizationRole(t, map[string]any{"name": tag + "-user"})["id"])
	base := "/api/organizations/" + org + "/applications"

	wantError(t, tg.request(t, http.MethodPost, base, map[string]any{"applicationIds": []string{spa}}),
		http.StatusUnprocessableEntity, "entity.db_constraint_violated", "Database constraint violated.")
	wantError(t, tg.request(t, http.MethodPost, base, map[string]any{"applicationIds": []string{"does-not-exist"}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	wantCreated(t, tg.request(t, http.MethodPost, base, map[string]any{"applicationIds": []string{m2m, m2m}}))
	wantCreated(t, tg.request(t, http.MethodPost, base, map[string]any{"applicationIds": []string{m2m}}))

	list := tg.request(t, http.MethodGet, base, nil)
	wantStatus(t, list, http.StatusOK)
	if ids := listIDs(t, list); len(ids) != 1 || ids[0] != m2m || list.header.Get("Total-Number") != "1" {
		t.Fatalf("applications = %s", list.body)
	}
	if got := strings.Join(keyOrder(t, []byte(strings.Trim(string(list.body), "[]"))), ","); got != applicationKeys+",organizationRoles" {
		t.Errorf("application keys = %s", got)
	}
	for query, want := range map[string]int{"q=" + strings.ToUpper(tag): 1, "q=" + tag + "-spa": 0} {
		if n := len(tg.request(t, http.MethodGet, base+"?"+query, nil).list(t)); n != want {
			t.Errorf("%s: %d applications, want %d", query, n, want)
		}
	}

	roles := base + "/" + m2m + "/roles"
	wantError(t, tg.request(t, http.MethodGet, base+"/"+spa+"/roles", nil),
		http.StatusUnprocessableEntity, "organization.require_membership", "The user must be a member of the organization to proceed.")
	wantError(t, tg.request(t, http.MethodPost, roles, map[string]any{"organizationRoleIds": []string{userRole}}),
		http.StatusUnprocessableEntity, "entity.db_constraint_violated", "")
	wantError(t, tg.request(t, http.MethodPost, roles, map[string]any{"organizationRoleIds": []string{"does-not-exist"}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	wantCreated(t, tg.request(t, http.MethodPost, roles, map[string]any{"organizationRoleIds": []string{botID}}))
	wantCreated(t, tg.request(t, http.MethodPost, roles, map[string]any{"organizationRoleIds": []string{botID}}))
	got := tg.request(t, http.MethodGet, roles, nil)
	wantStatus(t, got, http.StatusOK)
	if want := "[" + jsonOf(t, tg, "/api/organization-roles/"+botID) + "]"; string(got.body) != want {
		t.Errorf("application roles = %s, want %s", got.body, want)
	}

	// PUT needs at least one role, does not deduplicate and is transactional.
	if issues := wantIssues(t, tg.request(t, http.MethodPut, roles, map[string]any{"organizationRoleIds": []string{}}), "body"); issues[0]["code"] != "too_small" {
		t.Errorf("PUT []: %v", issues)
	}
	wantError(t, tg.request(t, http.MethodPut, roles, map[string]any{"organizationRoleIds": []string{botID, botID}}),
		http.StatusUnprocessableEntity, "entity.unique_integrity_violation", "")
	wantError(t, tg.request(t, http.MethodPut, roles, map[string]any{"organizationRoleIds": []string{userRole}}),
		http.StatusUnprocessableEntity, "entity.db_constraint_violated", "")
	if ids := listIDs(t, tg.request(t, http.MethodGet, roles, nil)); len(ids) != 1 || ids[0] != botID {
		t.Errorf("roles after failed PUTs = %v (want unchanged)", ids)
	}
	wantStatus(t, tg.request(t, http.MethodPut, roles, map[string]any{"organizationRoleIds": []string{botID}}), http.StatusNoContent)

	entity := `[{"id":"` + botID + `","name":"` + tag + `-bot"}]`
	if rows := tg.request(t, http.MethodGet, base, nil).list(t); len(rows) != 1 || jsonString(field(rows[0], "organizationRoles")) != entity {
		t.Errorf("application list roles = %v", rows)
	}
	orgs := tg.request(t, http.MethodGet, "/api/applications/"+m2m+"/organizations", nil)
	wantStatus(t, orgs, http.StatusOK)
	if rows := orgs.list(t); len(rows) != 1 || field(rows[0], "id") != org || jsonString(field(rows[0], "organizationRoles")) != entity ||
		orgs.header.Get("Total-Number") != "" {
		t.Errorf("application organizations = %s", orgs.body)
	}
	if paged := tg.request(t, http.MethodGet, "/api/applications/"+m2m+"/organizations?page=1", nil); paged.header.Get("Total-Number") != "1" {
		t.Errorf("paged application organizations: Total-Number %q", paged.header.Get("Total-Number"))
	}
	if rows := tg.request(t, http.MethodGet, "/api/applications/"+spa+"/organizations", nil).list(t); len(rows) != 0 {
		t.Errorf("SPA organizations = %v", rows)
	}
	wantError(t, tg.request(t, http.MethodGet, "/api/applications/does-not-exist/organizations", nil),
		http.StatusNotFound, "entity.not_exists_with_id", "The applications with ID `does-not-exist` does not exist.")

	bulk := base + "/roles"
	wantError(t, tg.request(t, http.MethodPost, bulk, map[string]any{"applicationIds": []string{m2m}, "organizationRoleIds": []string{userRole}}),
		http.StatusUnprocessableEntity, "entity.db_constraint_violated", "")
	wantCreated(t, tg.request(t, http.MethodPost, bulk, map[string]any{"applicationIds": []string{m2m}, "organizationRoleIds": []string{botID}}))

	wantStatus(t, tg.request(t, http.MethodDelete, roles+"/"+botID, nil), http.StatusNoContent)
	wantError(t, tg.request(t, http.MethodDelete, roles+"/"+botID, nil), http.StatusNotFound, "entity.not_found", "")

	// PUT replaces the applications; the same type check applies to newcomers.
	wantError(t, tg.request(t, http.MethodPut, base, map[string]any{"applicationIds": []string{m2m, spa}}),
		http.StatusUnprocessableEntity, "entity.db_constraint_violated", "")
	wantStatus(t, tg.request(t, http.MethodPut, base, map[string]any{"applicationIds": []string{}}), http.StatusNoContent)
	if got := tg.request(t, http.MethodGet, base, nil); string(got.body) != "[]" {
		t.Errorf("after PUT [] = %s", got.body)
	}
	wantStatus(t, tg.request(t, http.MethodPut, base, map[string]any{"applicationIds": []string{m2m}}), http.StatusNoContent)
	wantStatus(t, tg.request(t, http.MethodDelete, base+"/"+m2m, nil), http.StatusNoContent)
	wantError(t, tg.request(t, http.MethodDelete, base+"/"+m2m, nil), http.StatusNotFound, "entity.not_found", "The resource does not exist.")

	// Deleting the application ends its memberships.
	wantStatus(t, tg.request(t, http.MethodPost, base, map[string]any{"applicationIds": []string{m2m}}), http.StatusCreated)
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/applications/"+m2m, nil), http.StatusNoContent)
	if got := tg.request(t, http.MethodGet, base, nil); string(got.body) != "[]" {
		t.Errorf("applications after deleting the application = %s", got.body)
	}
}

// TestOrganizations_deleteCascades shows what goes with an organization.
func TestOrganizations_deleteCascades(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	tag := uniqueName("cascade")
	org := str(tg.createOrganization(t, map[string]any{"name": tag})["id"])
	user := str(tg.createUser(t, map[string]any{"name": tag})["id"])
	app := str(tg.createApplication(t, map[string]any{"name": tag, "type": "MachineToMachine"})["id"])
	role := str(tg.createOrganizationRole(t, map[string]any{"name": tag})["id"])
	wantStatus(t, tg.request(t, http.MethodPost, "/api/organizations/"+org+"/users", map[string]any{"userIds": []string{user}}), http.StatusCreated)
	wantStatus(t, tg.request(t, http.MethodPost, "/api/organizations/"+org+"/users/"+user+"/roles", map[string]any{"organizationRoleIds": []string{role}}), http.StatusCreated)
	wantStatus(t, tg.request(t, http.MethodPost, "/api/organizations/"+org+"/applications", map[string]any{"applicationIds": []string{app}}), http.StatusCreated)
	wantStatus(t, tg.request(t, http.MethodPost, "/api/organizations/"+org+"/jit/email-domains", map[string]any{"emailDomain": tag + ".example.com"}), http.StatusCreated)
	if n := len(tg.request(t, http.MethodGet, "/api/users/"+user+"/organizations", nil).list(t)); n != 1 {
		t.Fatalf("positive control: the user is in %d organizations, want 1", n)
	}
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/organizations/"+org, nil), http.StatusNoContent)
	for _, path := range []string{"/api/users/" + user + "/organizations", "/api/applications/" + app + "/organizations", "/api/organizations/" + org + "/jit/email-domains"} {
		if got := tg.request(t, http.MethodGet, path, nil); got.status != http.StatusOK || string(got.body) != "[]" {
			t.Errorf("%s after deleting the organization = %d %s", path, got.status, got.body)
		}
	}
	wantStatus(t, tg.request(t, http.MethodGet, "/api/organization-roles/"+role, nil), http.StatusOK) // the template stays
}

// jsonOf is the raw body of a GET.
func jsonOf(t *testing.T, tg *target, path string) string {
	t.Helper()
	resp := tg.request(t, http.MethodGet, path, nil)
	wantStatus(t, resp, http.StatusOK)
	return string(resp.body)
}
