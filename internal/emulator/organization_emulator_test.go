package emulator_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// Emulator-only tests of the organization area: the state file and the out-of-band (drift)
// helpers. They skip against a real Logto.

// organizationFixture is an organization with a member, an application, roles, scopes and
// just-in-time settings, created over HTTP.
type organizationFixture struct {
	org, user, app, userRole, appRole, scope, resourceScope, connector string
}

func newOrganizationFixture(t *testing.T, tg *target) organizationFixture {
	t.Helper()
	tag := uniqueName("fixture")
	f := organizationFixture{
		org: str(tg.createOrganization(t, map[string]any{"name": tag, "customData": map[string]any{"k": "v"},
			"color": map[string]any{"primaryColor": "#123456"}, "isMfaRequired": true})["id"]),
		user:  str(tg.createUser(t, map[string]any{"name": tag})["id"]),
		app:   str(tg.createApplication(t, map[string]any{"name": tag, "type": "MachineToMachine"})["id"]),
		scope: str(tg.createOrganizationScope(t, map[string]any{"name": tag + ":read"})["id"]),
	}
	res := str(tg.createResource(t, map[string]any{"name": tag, "indicator": "https://" + tag + ".example.com"})["id"])
	sc := tg.request(t, http.MethodPost, "/api/resources/"+res+"/scopes", map[string]any{"name": "read"})
	wantStatus(t, sc, http.StatusCreated)
	f.resourceScope = str(sc.object(t)["id"])
	f.userRole = str(tg.createOrganizationRole(t, map[string]any{"name": tag + "-user", "organizationScopeIds": []string{f.scope},
		"resourceScopeIds": []string{f.resourceScope}})["id"])
	f.appRole = str(tg.createOrganizationRole(t, map[string]any{"name": tag + "-app", "type": "MachineToMachine"})["id"])
	idp := newMockIdP(t)
	f.connector = str(tg.createSSOConnector(t, map[string]any{"providerName": "OIDC", "connectorName": tag,
		"config": oidcConfig(idp.Issuer("fixture"))})["id"])
	base := "/api/organizations/" + f.org
	for _, step := range []struct {
		method, path string
		body         map[string]any
	}{
		{http.MethodPost, "/users", map[string]any{"userIds": []string{f.user}}},
		{http.MethodPost, "/users/" + f.user + "/roles", map[string]any{"organizationRoleIds": []string{f.userRole}}},
		{http.MethodPost, "/applications", map[string]any{"applicationIds": []string{f.app}}},
		{http.MethodPost, "/applications/" + f.app + "/roles", map[string]any{"organizationRoleIds": []string{f.appRole}}},
		{http.MethodPut, "/jit/email-domains", map[string]any{"emailDomains": []string{"fixture.example.com"}}},
		{http.MethodPut, "/jit/roles", map[string]any{"organizationRoleIds": []string{f.userRole}}},
		{http.MethodPut, "/jit/sso-connectors", map[string]any{"ssoConnectorIds": []string{f.connector}}},
	} {
		resp := tg.request(t, step.method, base+step.path, step.body)
		if resp.status/100 != 2 {
			t.Fatalf("%s %s: %d %s", step.method, step.path, resp.status, resp.body)
		}
	}
	return f
}

// snapshot reads everything the fixture's organization answers over HTTP.
func (f organizationFixture) snapshot(t *testing.T, tg *target) string {
	t.Helper()
	var parts []string
	for _, path := range []string{
		"/api/organizations/" + f.org, "/api/organizations/" + f.org + "/users", "/api/organizations/" + f.org + "/applications",
		"/api/organizations/" + f.org + "/users/" + f.user + "/roles", "/api/organizations/" + f.org + "/applications/" + f.app + "/roles",
		"/api/organizations/" + f.org + "/jit/email-domains", "/api/organizations/" + f.org + "/jit/roles",
		"/api/organizations/" + f.org + "/jit/sso-connectors", "/api/organization-roles?q=" + f.userRole,
		"/api/organization-scopes/" + f.scope, "/api/organization-roles/" + f.userRole + "/resource-scopes",
	} {
		resp := tg.request(t, http.MethodGet, path, nil)
		wantStatus(t, resp, http.StatusOK)
		parts = append(parts, path+" "+string(resp.body))
	}
	return strings.Join(parts, "\n")
}

func TestEmulator_organizationStateFile(t *testing.T) {
	t.Parallel()
	if realLogto() {
		t.Skip("emulator-only test")
	}
	stateFile := filepath.Join(t.TempDir(), "state.json")
	opts := emulator.Options{ClientID: "org-state", ClientSecret: "org-secret", StateFile: stateFile}
	first := newTargetFrom(t, opts)
	first.createApplication(t, map[string]any{"name": uniqueName("before"), "type": "SPA"})
	raw, err := os.ReadFile(stateFile)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), `"organizations"`) {
		t.Errorf("a state file without organizations has an organizations key: %s", raw)
	}
	// A file without the key (as older emulators wrote) loads with no organizations.
	older := newTargetFrom(t, opts)
	if got := older.request(t, http.MethodGet, "/api/organizations", nil); string(got.body) != "[]" {
		t.Errorf("organizations from an older file = %s", got.body)
	}

	f := newOrganizationFixture(t, first)
	before := f.snapshot(t, first)
	raw, _ = os.ReadFile(stateFile)
	if !strings.Contains(string(raw), `"organizations"`) || !strings.Contains(string(raw), f.org) {
		t.Fatalf("positive control: the state file does not hold the organization")
	}
	second := newTargetFrom(t, opts)
	if after := f.snapshot(t, second); after != before {
		t.Errorf("after a restart:\n%s\nwant\n%s", after, before)
	}

	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"version":1,"applications":[],"secrets":[],"organizations":{"organizations":[{"name":"x"}]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := emulator.New(emulator.Options{ClientID: "a", ClientSecret: "b", StateFile: bad}); err == nil {
		t.Error("New accepted an organization without id")
	}
}

func TestEmulator_organizationDriftHelpers(t *testing.T) {
	t.Parallel()
	tg := emulatorTarget(t)
	emu := tg.emu
	f := newOrganizationFixture(t, tg)
	tg.emu.ResetRequestCounts()

	o, ok := emu.Organization(f.org)
	if !ok || o.Name == "" || !o.IsMfaRequired || o.CustomData["k"] != "v" {
		t.Fatalf("Organization = %+v, %v", o, ok)
	}
	if _, ok := emu.Organization("missing"); ok {
		t.Error("Organization(missing) found something")
	}
	if err := emu.UpdateOrganization(f.org, func(o *emulator.Organization) {
		o.Name, o.IsMfaRequired, o.ID = "changed behind terraform", false, "cannot-change"
		o.CustomData = emulator.JSONObject{"drift": true}
	}); err != nil {
		t.Fatal(err)
	}
	got := tg.request(t, http.MethodGet, "/api/organizations/"+f.org, nil).object(t)
	if got["name"] != "changed behind terraform" || got["isMfaRequired"] != false || jsonString(got["customData"]) != `{"drift":true}` {
		t.Errorf("after UpdateOrganization: %v", got)
	}
	if err := emu.UpdateOrganization("missing", func(*emulator.Organization) {}); err == nil {
		t.Error("UpdateOrganization(missing) succeeded")
	}
	if n := len(emu.Organizations()); n != 1 {
		t.Errorf("Organizations() = %d, want 1", n)
	}

	// Members and their roles.
	if members := emu.OrganizationMembers(f.org); jsonString(members) != `{"`+f.user+`":["`+f.userRole+`"]}` {
		t.Errorf("OrganizationMembers = %v", members)
	}
	other := str(tg.createUser(t, map[string]any{"name": uniqueName("drift")})["id"])
	if err := emu.SetOrganizationMember(f.org, other, []string{f.userRole}); err != nil {
		t.Fatal(err)
	}
	roles := tg.request(t, http.MethodGet, "/api/organizations/"+f.org+"/users/"+other+"/roles", nil)
	if ids := listIDs(t, roles); len(ids) != 1 || ids[0] != f.userRole {
		t.Errorf("roles of a member added out of band = %s", roles.body)
	}
	if err := emu.SetOrganizationMember(f.org, other, []string{"missing"}); err == nil {
		t.Error("SetOrganizationMember with an unknown role succeeded")
	}
	if err := emu.RemoveOrganizationMember(f.org, other); err != nil {
		t.Fatal(err)
	}
	wantError(t, tg.request(t, http.MethodGet, "/api/organizations/"+f.org+"/users/"+other+"/roles", nil),
		http.StatusUnprocessableEntity, "organization.require_membership", "")
	if err := emu.RemoveOrganizationMember(f.org, other); err == nil {
		t.Error("RemoveOrganizationMember twice succeeded")
	}

	// Applications.
	if apps := emu.OrganizationApplications(f.org); jsonString(apps) != `{"`+f.app+`":["`+f.appRole+`"]}` {
		t.Errorf("OrganizationApplications = %v", apps)
	}
	if err := emu.SetOrganizationApplication(f.org, f.app, nil); err != nil {
		t.Fatal(err)
	}
	if ids := listIDs(t, tg.request(t, http.MethodGet, "/api/organizations/"+f.org+"/applications/"+f.app+"/roles", nil)); len(ids) != 0 {
		t.Errorf("application roles after SetOrganizationApplication(nil) = %v", ids)
	}
	if err := emu.SetOrganizationApplication(f.org, "missing", nil); err == nil {
		t.Error("SetOrganizationApplication(missing) succeeded")
	}
	if err := emu.RemoveOrganizationApplication(f.org, f.app); err != nil {
		t.Fatal(err)
	}
	if got := tg.request(t, http.MethodGet, "/api/organizations/"+f.org+"/applications", nil); string(got.body) != "[]" {
		t.Errorf("applications after RemoveOrganizationApplication = %s", got.body)
	}

	// Just-in-time provisioning.
	jit := emu.OrganizationJITSettings(f.org)
	if strings.Join(jit.EmailDomains, ",") != "fixture.example.com" || strings.Join(jit.OrganizationRoleIDs, ",") != f.userRole ||
		strings.Join(jit.SSOConnectorIDs, ",") != f.connector {
		t.Errorf("OrganizationJITSettings = %+v", jit)
	}
	jit.EmailDomains = append(jit.EmailDomains, "out-of-band.example.com")
	if err := emu.SetOrganizationJITSettings(f.org, jit); err != nil {
		t.Fatal(err)
	}
	if got := domainsOf(t, tg.request(t, http.MethodGet, "/api/organizations/"+f.org+"/jit/email-domains", nil)); !sameSet(got, jit.EmailDomains) {
		t.Errorf("domains after SetOrganizationJITSettings = %v", got)
	}
	if err := emu.SetOrganizationJITSettings(f.org, emulator.OrganizationJIT{OrganizationRoleIDs: []string{"missing"}}); err == nil {
		t.Error("SetOrganizationJITSettings with an unknown role succeeded")
	}
	if n := len(emu.OrganizationJITSettings(f.org).EmailDomains); n != 2 {
		t.Errorf("a failed SetOrganizationJITSettings changed the domains (%d)", n)
	}

	// The template.
	if err := emu.UpdateOrganizationRole(f.userRole, func(r *emulator.OrganizationRole) { r.Name = "renamed out of band" }); err != nil {
		t.Fatal(err)
	}
	if got := tg.request(t, http.MethodGet, "/api/organization-roles/"+f.userRole, nil).object(t); got["name"] != "renamed out of band" {
		t.Errorf("after UpdateOrganizationRole: %v", got)
	}
	if scopes, resourceScopes := emu.OrganizationRoleScopes(f.userRole); len(scopes) != 1 || len(resourceScopes) != 1 {
		t.Errorf("OrganizationRoleScopes = %v, %v", scopes, resourceScopes)
	}
	if err := emu.SetOrganizationRoleScopes(f.userRole, nil, []string{f.resourceScope}); err != nil {
		t.Fatal(err)
	}
	if ids := listIDs(t, tg.request(t, http.MethodGet, "/api/organization-roles/"+f.userRole+"/scopes", nil)); len(ids) != 0 {
		t.Errorf("role scopes after SetOrganizationRoleScopes = %v", ids)
	}
	if err := emu.SetOrganizationRoleScopes(f.userRole, []string{"missing"}, nil); err == nil {
		t.Error("SetOrganizationRoleScopes with an unknown scope succeeded")
	}
	if err := emu.UpdateOrganizationScope(f.scope, func(sc *emulator.OrganizationScope) { sc.Description = nil; sc.Name = "drifted" }); err != nil {
		t.Fatal(err)
	}
	if scopes := emu.OrganizationScopes(); len(scopes) != 1 || scopes[0].Name != "drifted" {
		t.Errorf("OrganizationScopes = %+v", scopes)
	}
	if err := emu.DeleteOrganizationScope(f.scope); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, tg.request(t, http.MethodGet, "/api/organization-scopes/"+f.scope, nil), http.StatusNotFound)
	if err := emu.DeleteOrganizationRole(f.userRole); err != nil {
		t.Fatal(err)
	}
	if members := emu.OrganizationMembers(f.org); len(members[f.user]) != 0 {
		t.Errorf("member roles after DeleteOrganizationRole = %v", members)
	}
	if n := len(emu.OrganizationRoles()); n != 1 {
		t.Errorf("OrganizationRoles() = %d, want 1", n)
	}
	for _, err := range []error{emu.DeleteOrganizationRole(f.userRole), emu.DeleteOrganizationScope(f.scope),
		emu.UpdateOrganizationRole("missing", func(*emulator.OrganizationRole) {}),
		emu.UpdateOrganizationScope("missing", func(*emulator.OrganizationScope) {})} {
		if err == nil {
			t.Error("a helper on a missing object succeeded")
		}
	}

	if err := emu.DeleteOrganization(f.org); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, tg.request(t, http.MethodGet, "/api/organizations/"+f.org, nil), http.StatusNotFound)
	if got := tg.request(t, http.MethodGet, "/api/users/"+f.user+"/organizations", nil); string(got.body) != "[]" {
		t.Errorf("user organizations after DeleteOrganization = %s", got.body)
	}
	if err := emu.DeleteOrganization(f.org); err == nil {
		t.Error("DeleteOrganization twice succeeded")
	}
	// The helpers themselves are not requests.
	if n := tg.emu.Requests("GET /api/organizations/{id}"); n != 2 {
		t.Errorf("Requests = %d, want 2 (only the HTTP GETs)", n)
	}
}
