package logto

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// ssoStore is a minimal /api/sso-connectors for client tests. faults apply
// to POSTs in order: "afterDrop" (stored, connection dropped), "after502"
// (stored, 502 answered), "before503" (not stored, 503).
type ssoStore struct {
	mu         sync.Mutex
	connectors []SSOConnector
	faults     []string
	posts      int
	gets       int
	patches    []string // bodies
	seq        int
}

func newSSOStore(t *testing.T, faults ...string) (*ssoStore, *Client) {
	t.Helper()
	s := &ssoStore{faults: faults}
	f := newFakeLogto(t, s.handler(t))
	return s, f.client(t, noKeepAlive)
}

func (s *ssoStore) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		id, _ := strings.CutPrefix(r.URL.Path, "/api/sso-connectors/")
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/api/sso-connectors":
			s.posts++
			fault := ""
			if len(s.faults) > 0 {
				fault, s.faults = s.faults[0], s.faults[1:]
			}
			if fault == "before503" {
				writeJSON(w, http.StatusServiceUnavailable, `{"message":"busy"}`)
				return
			}
			var in SSOConnectorCreate
			_ = json.NewDecoder(r.Body).Decode(&in)
			for _, c := range s.connectors {
				if c.ConnectorName == in.ConnectorName {
					writeJSON(w, http.StatusConflict, `{"code":"single_sign_on.duplicate_connector_name"}`)
					return
				}
			}
			s.seq++
			c := SSOConnector{
				ID: fmt.Sprintf("conn%d", s.seq), ProviderName: in.ProviderName, ConnectorName: in.ConnectorName,
				Config: in.Config, Domains: in.Domains, CreatedAt: time.Now().UnixMilli(),
			}
			s.connectors = append(s.connectors, c)
			switch fault {
			case "afterDrop":
				dropConnection(t, w)
			case "after502":
				writeJSON(w, http.StatusBadGateway, `{"message":"bad gateway"}`)
			default:
				body, _ := json.Marshal(c)
				writeJSON(w, http.StatusOK, string(body))
			}
		case r.Method == http.MethodGet && r.URL.Path == "/api/sso-connectors":
			s.gets++
			page(w, r, s.connectors)
		case r.Method == http.MethodPatch && id != "":
			body, _ := io.ReadAll(r.Body)
			s.patches = append(s.patches, string(body))
			writeJSON(w, http.StatusOK, `{"id":"`+id+`","providerName":"OIDC","connectorName":"x","config":{}}`)
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL)
			writeJSON(w, http.StatusNotFound, `{}`)
		}
	}
}

func TestCreateSSOConnector_LostAnswerAdoptsByExactName(t *testing.T) {
	for _, fault := range []string{"afterDrop", "after502", "before503"} {
		t.Run(fault, func(t *testing.T) {
			s, c := newSSOStore(t, fault)
			// Another connector, of another name, made just before: not ours.
			s.connectors = append(s.connectors, SSOConnector{ID: "other", ConnectorName: "Acme", CreatedAt: time.Now().UnixMilli()})
			got, err := c.CreateSSOConnector(t.Context(), SSOConnectorCreate{ProviderName: SSOProviderOIDC, ConnectorName: "acme"})
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			wantPosts := 1
			if fault == "before503" {
				wantPosts = 2 // not stored: the lookup finds nothing and the POST is sent again
			}
			if got.ID == "other" || got.ConnectorName != "acme" || len(s.connectors) != 2 || s.posts != wantPosts || s.gets < 1 {
				t.Errorf("got %+v, %d connectors, %d POSTs, %d lists; want ours adopted after %d POSTs and a lookup",
					got, len(s.connectors), s.posts, s.gets, wantPosts)
			}
		})
	}
}

// Positive control of the lookup: without a fault, no listing is read.
func TestCreateSSOConnector_NoLookupWhenAnswered(t *testing.T) {
	s, c := newSSOStore(t)
	if _, err := c.CreateSSOConnector(t.Context(), SSOConnectorCreate{ProviderName: SSOProviderSAML, ConnectorName: "a"}); err != nil {
		t.Fatal(err)
	}
	if s.posts != 1 || s.gets != 0 {
		t.Errorf("%d POSTs, %d lists; want 1 and 0", s.posts, s.gets)
	}
	_, err := c.CreateSSOConnector(t.Context(), SSOConnectorCreate{ProviderName: SSOProviderSAML, ConnectorName: "a"})
	if e, ok := AsError(err); !ok || e.StatusCode != http.StatusConflict {
		t.Errorf("duplicate name: %v, want 409", err)
	}
}

func TestListSSOConnectors_EveryPageEachOnce(t *testing.T) {
	s, c := newSSOStore(t)
	for i := range 230 {
		s.connectors = append(s.connectors, SSOConnector{ID: fmt.Sprintf("c%03d", i), ConnectorName: fmt.Sprintf("n%d", i)})
	}
	all, err := c.ListSSOConnectors(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 230 || s.gets != 3 || all[229].ID != "c229" {
		t.Errorf("%d connectors in %d requests, want 230 in 3", len(all), s.gets)
	}
	named, err := c.SSOConnectorsNamed(t.Context(), "n205")
	if err != nil || len(named) != 1 || named[0].ID != "c205" {
		t.Errorf("SSOConnectorsNamed(n205) = %+v, %v", named, err)
	}
	if named, _ := c.SSOConnectorsNamed(t.Context(), "N205"); len(named) != 0 {
		t.Errorf("names are matched exactly: N205 found %+v", named)
	}
}

func TestUpdateSSOConnector_EmptyDomainsClear(t *testing.T) {
	s, c := newSSOStore(t)
	var none []string
	if _, err := c.UpdateSSOConnector(t.Context(), "c1", SSOConnectorPatch{Domains: &none, Branding: &SSOBranding{}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateSSOConnector(t.Context(), "c1", SSOConnectorPatch{SyncProfile: new(bool)}); err != nil {
		t.Fatal(err)
	}
	if len(s.patches) != 2 || !jsonEqual(t, s.patches[0], `{"domains":[],"branding":{}}`) ||
		!jsonEqual(t, s.patches[1], `{"syncProfile":false}`) {
		t.Errorf("PATCH bodies = %q", s.patches)
	}
}

// The sample answers of Logto 1.42 (07-sso-connectors-oidc, 08-sso-connectors-saml,
// Google Workspace's offlineAccess) decode, and the configs round-trip with the
// keys this client does not model.
func TestSSOConnector_DecodeAnswers(t *testing.T) {
	const oidcAnswer = `{"tenantId":"default","id":"ibvaeoqey51a","providerName":"OIDC","connectorName":"tf-oidc-s1",
	 "config":{"scope":"openid profile email","issuer":"http://127.0.0.1:3009","clientId":"client","clientSecret":"secret","trustUnverifiedEmail":false,"offlineAccess":true},
	 "domains":["oidc-s1.example.com"],"branding":{"displayName":"Example OIDC","logo":"https://example.com/logo.png"},
	 "syncProfile":true,"enableTokenStorage":false,"createdAt":1795272488066,"name":"OIDC","providerType":"oidc",
	 "providerConfig":{"clientId":"client","issuer":"http://127.0.0.1:3009","authorizationEndpoint":"http://127.0.0.1:3009/authorize"}}`
	var oidc SSOConnector
	if err := json.Unmarshal([]byte(oidcAnswer), &oidc); err != nil {
		t.Fatal(err)
	}
	cfg, err := oidc.OIDCConfig()
	if err != nil {
		t.Fatal(err)
	}
	if *cfg.ClientID != "client" || *cfg.ClientSecret != "secret" || *cfg.Issuer != "http://127.0.0.1:3009" ||
		*cfg.Scope != "openid profile email" || *cfg.TrustUnverifiedEmail || string(cfg.Extra["offlineAccess"]) != "true" {
		t.Errorf("OIDC config = %+v", cfg)
	}
	if oidc.SAMLServiceProvider() != nil || !oidc.HasConfig() || oidc.ProviderType != "oidc" || *oidc.Branding.DisplayName != "Example OIDC" {
		t.Errorf("connector = %+v", oidc)
	}
	newSecret := "rotated"
	cfg.ClientSecret = &newSecret
	out, _ := json.Marshal(cfg)
	if !jsonEqual(t, string(out), `{"clientId":"client","clientSecret":"rotated","issuer":"http://127.0.0.1:3009",
	  "scope":"openid profile email","trustUnverifiedEmail":false,"offlineAccess":true}`) {
		t.Errorf("re-encoded config = %s", out)
	}

	const samlAnswer = `{"id":"din9klwvc7c7","providerName":"SAML","connectorName":"tf-saml-url-s1",
	 "config":{"metadataUrl":"http://127.0.0.1:3009/saml/metadata","attributeMapping":{"name":"name","email":"email","phone":"tel"}},
	 "domains":[],"branding":{},"syncProfile":false,"enableTokenStorage":false,"createdAt":1,
	 "providerConfig":{"defaultAttributeMapping":{"id":"nameID"},"serviceProvider":{"entityId":"http://127.0.0.1:3001/enterprise-sso/din9klwvc7c7",
	 "assertionConsumerServiceUrl":"http://127.0.0.1:3001/api/authn/single-sign-on/saml/din9klwvc7c7"}}}`
	var saml SSOConnector
	if err := json.Unmarshal([]byte(samlAnswer), &saml); err != nil {
		t.Fatal(err)
	}
	sp := saml.SAMLServiceProvider()
	if sp == nil || sp.EntityID != "http://127.0.0.1:3001/enterprise-sso/din9klwvc7c7" ||
		sp.AssertionConsumerServiceURL != "http://127.0.0.1:3001/api/authn/single-sign-on/saml/din9klwvc7c7" {
		t.Errorf("service provider = %+v", sp)
	}
	scfg, err := saml.SAMLConfig()
	if err != nil {
		t.Fatal(err)
	}
	if *scfg.MetadataURL != "http://127.0.0.1:3009/saml/metadata" || scfg.AttributeMapping == nil ||
		*scfg.AttributeMapping.Email != "email" || scfg.AttributeMapping.ID != nil || string(scfg.AttributeMapping.Extra["phone"]) != `"tel"` {
		t.Errorf("SAML config = %+v, mapping %+v", scfg, scfg.AttributeMapping)
	}
	out, _ = json.Marshal(scfg)
	if !jsonEqual(t, string(out), `{"metadataUrl":"http://127.0.0.1:3009/saml/metadata","attributeMapping":{"name":"name","email":"email","phone":"tel"}}`) {
		t.Errorf("re-encoded SAML config = %s", out)
	}

	var empty SSOConnector
	if err := json.Unmarshal([]byte(`{"id":"x","config":{}}`), &empty); err != nil {
		t.Fatal(err)
	}
	if empty.HasConfig() {
		t.Error("config {} counts as a config")
	}
}
