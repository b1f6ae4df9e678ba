package emulator_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// Conformance tests of just-in-time provisioning: /api/organizations/{id}/jit/email-domains,
// /jit/roles and /jit/sso-connectors (captured in ../shared/logto/samples/13-organization-jit).

func domainsOf(t *testing.T, resp *response) []string {
	t.Helper()
	var out []string
	for _, row := range resp.list(t) {
		out = append(out, str(field(row, "emailDomain")))
	}
	return out
}

func TestOrganizationJIT_emailDomains(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	id := str(tg.createOrganization(t, map[string]any{"name": uniqueName("jit")})["id"])
	base := "/api/organizations/" + id + "/jit/email-domains"
	empty := tg.request(t, http.MethodGet, base, nil)
	wantStatus(t, empty, http.StatusOK)
	if string(empty.body) != "[]" || empty.header.Get("Total-Number") != "" {
		t.Errorf("no domains = %s (Total-Number %q)", empty.body, empty.header.Get("Total-Number"))
	}
	added := tg.request(t, http.MethodPost, base, map[string]any{"emailDomain": "jit.example.com"})
	wantStatus(t, added, http.StatusCreated)
	if want := `{"tenantId":"default","organizationId":"` + id + `","emailDomain":"jit.example.com"}`; string(added.body) != want {
		t.Errorf("POST = %s, want %s", added.body, want)
	}
	wantError(t, tg.request(t, http.MethodPost, base, map[string]any{"emailDomain": "jit.example.com"}),
		http.StatusUnprocessableEntity, "entity.unique_integrity_violation", "The entity already exists. Please check the input and try again.")
	// Logto does not validate domains: anything non-empty is stored as given.
	for _, domain := range []string{"not a domain", "@foo.example.com", "Upper.Example.COM"} {
		wantStatus(t, tg.request(t, http.MethodPost, base, map[string]any{"emailDomain": domain}), http.StatusCreated)
	}
	if issues := wantIssues(t, tg.request(t, http.MethodPost, base, map[string]any{"emailDomain": ""}), "body"); pathOf(issues[0]) != "emailDomain" {
		t.Errorf("empty domain: %v", issues)
	}
	if got := domainsOf(t, tg.request(t, http.MethodGet, base, nil)); !sameSet(got, []string{"jit.example.com", "not a domain", "@foo.example.com", "Upper.Example.COM"}) {
		t.Errorf("domains = %v", got)
	}
	wantError(t, tg.request(t, http.MethodDelete, base+"/upper.example.com", nil), http.StatusNotFound, "entity.not_found", "")

	wantStatus(t, tg.request(t, http.MethodPut, base, map[string]any{"emailDomains": []string{"a.example.com", "b.example.com"}}), http.StatusNoContent)
	if got := domainsOf(t, tg.request(t, http.MethodGet, base, nil)); !sameSet(got, []string{"a.example.com", "b.example.com"}) {
		t.Errorf("after PUT = %v", got)
	}
	wantError(t, tg.request(t, http.MethodPut, base, map[string]any{"emailDomains": []string{"c.example.com", "c.example.com"}}),
		http.StatusUnprocessableEntity, "entity.unique_integrity_violation", "")
	long := tg.request(t, http.MethodPost, base, map[string]any{"emailDomain": strings.Repeat("a", 129)})
	body := wantError(t, long, http.StatusUnprocessableEntity, "entity.value_too_long", "The length of value is too long and exceeds the limit.")
	if jsonString(body["data"]) != `{"message":"value too long for type character varying(128)"}` {
		t.Errorf("value_too_long data = %s", long.body)
	}
	if got := domainsOf(t, tg.request(t, http.MethodGet, base, nil)); !sameSet(got, []string{"a.example.com", "b.example.com"}) {
		t.Errorf("after failed writes = %v (want unchanged)", got)
	}
	wantStatus(t, tg.request(t, http.MethodDelete, base+"/a.example.com", nil), http.StatusNoContent)
	wantError(t, tg.request(t, http.MethodDelete, base+"/zzz.example.com", nil), http.StatusNotFound, "entity.not_found", "The resource does not exist.")
	wantStatus(t, tg.request(t, http.MethodPut, base, map[string]any{"emailDomains": []string{}}), http.StatusNoContent)
	if got := tg.request(t, http.MethodGet, base, nil); string(got.body) != "[]" {
		t.Errorf("after PUT [] = %s", got.body)
	}

	// A missing organization has no domains; writing to it fails on the foreign key.
	missing := "/api/organizations/does-not-exist/jit/email-domains"
	if got := tg.request(t, http.MethodGet, missing, nil); got.status != http.StatusOK || string(got.body) != "[]" {
		t.Errorf("GET of a missing organization = %d %s, want 200 []", got.status, got.body)
	}
	wantError(t, tg.request(t, http.MethodPost, missing, map[string]any{"emailDomain": "x.example.com"}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	wantError(t, tg.request(t, http.MethodPut, missing, map[string]any{"emailDomains": []string{"x.example.com"}}),
		http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
	wantStatus(t, tg.request(t, http.MethodPut, missing, map[string]any{"emailDomains": []string{}}), http.StatusNoContent)
}

func TestOrganizationJIT_rolesAndSSOConnectors(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	idp := newMockIdP(t)
	id := str(tg.createOrganization(t, map[string]any{"name": uniqueName("jit")})["id"])
	roleResp := tg.request(t, http.MethodPost, "/api/organization-roles", map[string]any{"name": uniqueName("jit-role"), "description": "d"})
	wantStatus(t, roleResp, http.StatusCreated)
	role := str(roleResp.object(t)["id"])
	t.Cleanup(func() { tg.deleteQuietly(t, "/api/organization-roles/"+role) })
	connector := tg.createSSOConnector(t, map[string]any{
		"providerName": "OIDC", "connectorName": uniqueName("jit"), "config": oidcConfig(idp.Issuer("jit-" + randomHex(3))),
	})
	connectorID := str(connector["id"])

	for _, c := range []struct {
		path, key, id string
		row           string // the related row as GET answers it (its stored form)
	}{
		{"/jit/roles", "organizationRoleIds", role, string(roleResp.body)},
		{"/jit/sso-connectors", "ssoConnectorIds", connectorID, ""},
	} {
		base := "/api/organizations/" + id + c.path
		if got := tg.request(t, http.MethodGet, base, nil); got.status != http.StatusOK || string(got.body) != "[]" {
			t.Errorf("%s empty = %d %s", c.path, got.status, got.body)
		}
		wantCreated(t, tg.request(t, http.MethodPost, base, map[string]any{c.key: []string{c.id}}))
		wantCreated(t, tg.request(t, http.MethodPost, base, map[string]any{c.key: []string{c.id}}))
		wantError(t, tg.request(t, http.MethodPost, base, map[string]any{c.key: []string{"does-not-exist"}}),
			http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found",
			"Cannot find one or more foreign keys. Please check the input and ensure that all referenced entities exist.")
		wantStatus(t, tg.request(t, http.MethodPut, base, map[string]any{c.key: []string{c.id}}), http.StatusNoContent)
		got := tg.request(t, http.MethodGet, base, nil)
		wantStatus(t, got, http.StatusOK)
		if ids := listIDs(t, got); len(ids) != 1 || ids[0] != c.id {
			t.Errorf("%s = %s", c.path, got.body)
		}
		if c.row != "" && string(got.body) != "["+c.row+"]" {
			t.Errorf("%s rows = %s, want [%s]", c.path, got.body, c.row)
		}
		if c.row == "" && strings.Join(keyOrder(t, []byte(strings.Trim(string(got.body), "[]"))), ",") != ssoConnectorKeys {
			t.Errorf("%s row keys = %s, want the stored connector (%s)", c.path, got.body, ssoConnectorKeys)
		}
		wantError(t, tg.request(t, http.MethodPut, base, map[string]any{c.key: []string{c.id, c.id}}),
			http.StatusUnprocessableEntity, "entity.unique_integrity_violation", "")
		wantStatus(t, tg.request(t, http.MethodDelete, base+"/"+c.id, nil), http.StatusNoContent)
		wantError(t, tg.request(t, http.MethodDelete, base+"/"+c.id, nil), http.StatusNotFound, "entity.not_found", "The resource does not exist.")
		// Unlike email domains, these lists look the organization up first.
		wantError(t, tg.request(t, http.MethodGet, "/api/organizations/does-not-exist"+c.path, nil),
			http.StatusNotFound, "entity.not_exists_with_id", "The organizations with ID `does-not-exist` does not exist.")
		wantError(t, tg.request(t, http.MethodPost, "/api/organizations/does-not-exist"+c.path, map[string]any{c.key: []string{c.id}}),
			http.StatusUnprocessableEntity, "entity.relation_foreign_key_not_found", "")
		wantStatus(t, tg.request(t, http.MethodPost, base, map[string]any{c.key: []string{c.id}}), http.StatusCreated)
	}

	// Deleting the role or the connector removes it from just-in-time provisioning.
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/organization-roles/"+role, nil), http.StatusNoContent)
	wantStatus(t, tg.request(t, http.MethodDelete, "/api/sso-connectors/"+connectorID, nil), http.StatusNoContent)
	for _, p := range []string{"/jit/roles", "/jit/sso-connectors"} {
		if got := tg.request(t, http.MethodGet, "/api/organizations/"+id+p, nil); string(got.body) != "[]" {
			t.Errorf("%s after deleting the target = %s", p, got.body)
		}
	}
}

// TestOrganizationJIT_pagingOver20 pages through more than a default page of domains and roles.
func TestOrganizationJIT_pagingOver20(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	id := str(tg.createOrganization(t, map[string]any{"name": uniqueName("jit-paging")})["id"])
	var domains []string
	for i := range 25 {
		domains = append(domains, fmt.Sprintf("d%02d-%s.example.com", i, randomHex(2)))
	}
	base := "/api/organizations/" + id + "/jit/email-domains"
	wantStatus(t, tg.request(t, http.MethodPut, base, map[string]any{"emailDomains": domains}), http.StatusNoContent)
	if got := domainsOf(t, tg.request(t, http.MethodGet, base, nil)); !sameSet(got, domains) {
		t.Errorf("unpaged list = %d domains, want all %d", len(got), len(domains))
	}
	first := tg.request(t, http.MethodGet, base+"?page=1", nil)
	second := tg.request(t, http.MethodGet, base+"?page=2", nil)
	if len(first.list(t)) != 20 || len(second.list(t)) != 5 || first.header.Get("Total-Number") != "25" || second.header.Get("Total-Number") != "25" {
		t.Errorf("pages: %d + %d rows, Total-Number %q", len(first.list(t)), len(second.list(t)), first.header.Get("Total-Number"))
	}
	if got := append(domainsOf(t, first), domainsOf(t, second)...); !sameSet(got, domains) {
		t.Errorf("pages hold %v, want each domain once", got)
	}

	tag := uniqueName("jit-role")
	var roles []string
	for i := range 21 {
		roles = append(roles, str(tg.createOrganizationRole(t, map[string]any{"name": fmt.Sprintf("%s-%02d", tag, i)})["id"]))
	}
	rolesPath := "/api/organizations/" + id + "/jit/roles"
	wantStatus(t, tg.request(t, http.MethodPut, rolesPath, map[string]any{"organizationRoleIds": roles}), http.StatusNoContent)
	page1 := tg.request(t, http.MethodGet, rolesPath+"?page=1&page_size=20", nil)
	page2 := tg.request(t, http.MethodGet, rolesPath+"?page=2&page_size=20", nil)
	got := append(listIDs(t, page1), listIDs(t, page2)...)
	if len(listIDs(t, page2)) != 1 || page2.header.Get("Total-Number") != "21" || !sameSet(got, roles) {
		t.Errorf("JIT roles over two pages = %v (Total-Number %q), want %d roles once each", got, page2.header.Get("Total-Number"), len(roles))
	}
	if len(listIDs(t, tg.request(t, http.MethodGet, rolesPath, nil))) != 21 {
		t.Errorf("unpaged JIT roles are not all there")
	}
}
