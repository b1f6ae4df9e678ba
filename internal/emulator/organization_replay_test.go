package emulator_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// Replay of the organization samples (12–14), added to TestEmulator_replaySamples.
//
// Objects are created with server-side ids, so sample ids are mapped to the emulator's both ways:
// in request URLs and bodies on the way in, in answers on the way out. 13-organization-jit uses
// an organization from 12, an organization role from 14 and an SSO connector from 07; they are
// created before the replay, from what the file's answers show of them (the connector through a
// mock identity provider, then set to its captured form with the emulator's drift hook).

// organizationSample reports whether an exchange belongs to the organization area the emulator
// serves (the replay skips other role and organization routes).
func organizationSample(url string) bool {
	return strings.HasPrefix(url, "/api/organization") ||
		(strings.HasPrefix(url, "/api/applications/") && strings.HasSuffix(url, "/organizations"))
}

// organizationCreatedID returns the sample id of an organization, organization role or scope a
// POST created (201).
func organizationCreatedID(ex sampleExchange) string {
	switch ex.Request.URL {
	case "/api/organizations", "/api/organization-roles", "/api/organization-scopes":
	default:
		return ""
	}
	if ex.Request.Method != http.MethodPost || ex.Response.Status != http.StatusCreated {
		return ""
	}
	var created struct{ ID string }
	_ = json.Unmarshal(ex.Response.Body, &created)
	return created.ID
}

// withEmulatorIDs writes the emulator's ids into a request body that names sample ids.
func withEmulatorIDs(ex sampleExchange, ids map[string]string) sampleExchange {
	body := string(ex.Request.Body)
	for sampleID, emuID := range ids {
		body = strings.ReplaceAll(body, `"`+sampleID+`"`, `"`+emuID+`"`)
	}
	ex.Request.Body = json.RawMessage(body)
	return ex
}

var sampleOrganizationURL = regexp.MustCompile(`^/api/organizations/([0-9a-z]+)(/|$)`)

// seedOrganizationSamples creates the organizations, organization roles and SSO connectors a
// sample file uses before (or without) creating them, and maps their ids.
func seedOrganizationSamples(t *testing.T, sample sampleFile, tg *target, ids map[string]string) {
	t.Helper()
	created := map[string]bool{"does-not-exist": true}
	var orgs, roles, connectors []string
	need := func(list *[]string, id string) {
		if !created[id] {
			created[id] = true
			*list = append(*list, id)
		}
	}
	for _, ex := range sample.Exchanges {
		if m := sampleOrganizationURL.FindStringSubmatch(ex.Request.URL); m != nil {
			need(&orgs, m[1])
		}
		var body struct {
			OrganizationRoleIDs []string `json:"organizationRoleIds"`
			SSOConnectorIDs     []string `json:"ssoConnectorIds"`
		}
		_ = json.Unmarshal(ex.Request.Body, &body)
		for _, id := range body.OrganizationRoleIDs {
			need(&roles, id)
		}
		for _, id := range body.SSOConnectorIDs {
			need(&connectors, id)
		}
		if id := organizationCreatedID(ex); id != "" {
			created[id] = true
		}
	}
	for _, id := range orgs {
		resp := tg.request(t, http.MethodPost, "/api/organizations", map[string]any{"name": "replayed " + id})
		wantStatus(t, resp, http.StatusCreated)
		ids[id] = str(resp.object(t)["id"])
	}
	for _, id := range roles {
		var role struct{ Name, Type string }
		raw := capturedObject(t, sample, id)
		if err := json.Unmarshal(raw, &role); err != nil {
			t.Fatal(err)
		}
		var description any
		_ = json.Unmarshal([]byte(rawField(t, raw, "description")), &description)
		resp := tg.request(t, http.MethodPost, "/api/organization-roles", map[string]any{"name": role.Name, "description": description, "type": role.Type})
		wantStatus(t, resp, http.StatusCreated)
		ids[id] = str(resp.object(t)["id"])
	}
	for _, id := range connectors {
		var captured emulator.SSOConnector
		if err := json.Unmarshal(capturedObject(t, sample, id), &captured); err != nil {
			t.Fatal(err)
		}
		idp := newMockIdP(t)
		resp := tg.request(t, http.MethodPost, "/api/sso-connectors", map[string]any{
			"providerName": captured.ProviderName, "connectorName": captured.ConnectorName, "config": oidcConfig(idp.Issuer("replay")),
		})
		wantStatus(t, resp, http.StatusOK)
		emuID := str(resp.object(t)["id"])
		if err := tg.emu.UpdateSSOConnector(emuID, func(c *emulator.SSOConnector) { *c = captured }); err != nil {
			t.Fatal(err)
		}
		ids[id] = emuID
	}
}

// textAsJSON is a text answer ("Created") as the samples record it, a JSON string; other
// answers are returned as they are.
func textAsJSON(resp *response, body string) []byte {
	if !strings.HasPrefix(resp.header.Get("Content-Type"), "text/plain") {
		return []byte(body)
	}
	raw, _ := json.Marshal(body)
	return raw
}

// capturedObject finds the object with the given id in the file's answers.
func capturedObject(t *testing.T, sample sampleFile, id string) []byte {
	t.Helper()
	var find func(v any) map[string]any
	find = func(v any) map[string]any {
		switch value := v.(type) {
		case map[string]any:
			if value["id"] == id {
				return value
			}
			for _, child := range value {
				if found := find(child); found != nil {
					return found
				}
			}
		case []any:
			for _, child := range value {
				if found := find(child); found != nil {
					return found
				}
			}
		}
		return nil
	}
	for _, ex := range sample.Exchanges {
		dec := json.NewDecoder(bytes.NewReader(ex.Response.Body))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			continue
		}
		if found := find(v); found != nil {
			raw, err := json.Marshal(found)
			if err != nil {
				t.Fatal(err)
			}
			return raw
		}
	}
	t.Fatalf("no answer of the sample shows %s", id)
	return nil
}
