package acctest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// MockIdP is a loopback identity provider for the SSO connector tests: it
// serves OIDC discovery documents and SAML metadata, which Logto (and the
// emulator) fetch when a connector is created or its configuration changes.
// It signs nothing and issues no tokens.
//
// Every path ending in /.well-known/openid-configuration serves a discovery
// document whose issuer is the path before it (see Issuer), except under
// /broken/, which answers 500. /saml/metadata serves IdP metadata with a
// self-signed certificate.
//
// Against a real Logto, the IdP must be reachable from the Logto server: it
// listens on 127.0.0.1 (a Logto on the same host); LOGTO_TEST_IDP_LISTEN
// (e.g. 0.0.0.0:3009) and LOGTO_TEST_IDP_URL (e.g.
// http://host.docker.internal:3009) change where it listens and the URL given
// to Logto, and then every test shares one instance.
type MockIdP struct {
	// URL is the base URL given to the server under test.
	URL     string
	certDER []byte
}

var (
	sharedIdPOnce sync.Once
	sharedIdP     *MockIdP
	sharedIdPErr  error
)

// NewMockIdP starts a mock identity provider for the test, stopped when the
// test ends (or returns the shared one when LOGTO_TEST_IDP_LISTEN is set).
func NewMockIdP(t *testing.T) *MockIdP {
	t.Helper()
	if listen := os.Getenv("LOGTO_TEST_IDP_LISTEN"); listen != "" {
		sharedIdPOnce.Do(func() {
			// Never stopped: it lives until the test binary exits.
			sharedIdP, _, sharedIdPErr = startMockIdP(listen)
			if sharedIdPErr == nil && os.Getenv("LOGTO_TEST_IDP_URL") != "" {
				sharedIdP.URL = strings.TrimSuffix(os.Getenv("LOGTO_TEST_IDP_URL"), "/")
			}
		})
		if sharedIdPErr != nil {
			t.Fatalf("mock IdP on %s: %v", listen, sharedIdPErr)
		}
		return sharedIdP
	}
	m, srv, err := startMockIdP("127.0.0.1:0")
	if err != nil {
		t.Fatalf("mock IdP: %v", err)
	}
	t.Cleanup(srv.Close)
	return m
}

func startMockIdP(listen string) (*MockIdP, *httptest.Server, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "mock-idp.test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(10 * 365 * 24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, nil, err
	}
	m := &MockIdP{certDER: der}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(m.serve))
	_ = srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	m.URL = srv.URL
	return m, srv, nil
}

// Issuer is an issuer URL the mock serves: its base URL and a path, such as
// "acme/v2.0".
func (m *MockIdP) Issuer(path string) string { return m.URL + "/" + strings.Trim(path, "/") }

// MetadataURL is the URL of the mock's SAML metadata.
func (m *MockIdP) MetadataURL() string { return m.URL + "/saml/metadata" }

// EntityID is the IdP entity ID in the mock's metadata.
func (m *MockIdP) EntityID() string { return m.URL + "/saml/entity" }

// SignInURL is the HTTP-Redirect sign-in endpoint in the mock's metadata.
func (m *MockIdP) SignInURL() string { return m.URL + "/saml/sso" }

// CertificatePEM is the mock's signing certificate in PEM encoding.
func (m *MockIdP) CertificatePEM() string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: m.certDER}))
}

// MetadataXML is the SAML metadata the mock serves.
func (m *MockIdP) MetadataXML() string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="` + m.EntityID() + `">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>` +
		base64.StdEncoding.EncodeToString(m.certDER) + `</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="` + m.SignInURL() + `"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`
}

// GoogleClient is an HTTP client for the emulator's SetIdentityProviderClient
// that sends the requests for Google Workspace's fixed issuer
// (https://accounts.google.com) to the mock, which answers with Google's
// issuer: Google Workspace connectors then work offline, on the emulator only.
func (m *MockIdP) GoogleClient() *http.Client {
	return &http.Client{Timeout: 5 * time.Second, Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Host == "accounts.google.com" {
			r = r.Clone(r.Context())
			host := strings.TrimPrefix(m.URL, "http://")
			r.URL.Scheme, r.URL.Host, r.Host = "http", host, host
			r.Header.Set("X-Mock-Issuer", "https://accounts.google.com")
		}
		return http.DefaultTransport.RoundTrip(r)
	})}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func (m *MockIdP) serve(w http.ResponseWriter, r *http.Request) {
	const discovery = "/.well-known/openid-configuration"
	switch {
	case strings.HasPrefix(r.URL.Path, "/broken/"):
		http.Error(w, "the identity provider is broken", http.StatusInternalServerError)
	case strings.HasSuffix(r.URL.Path, discovery):
		issuer := m.URL + strings.TrimSuffix(r.URL.Path, discovery)
		if forced := r.Header.Get("X-Mock-Issuer"); forced != "" {
			issuer = forced
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"issuer":                   issuer,
			"authorization_endpoint":   issuer + "/authorize",
			"token_endpoint":           issuer + "/token",
			"userinfo_endpoint":        issuer + "/userinfo",
			"jwks_uri":                 m.URL + "/jwks",
			"response_types_supported": []string{"code"},
		})
	case r.URL.Path == "/saml/metadata":
		w.Header().Set("Content-Type", "application/samlmetadata+xml")
		_, _ = w.Write([]byte(m.MetadataXML()))
	default:
		http.NotFound(w, r)
	}
}
