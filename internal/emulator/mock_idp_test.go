package emulator_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
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

// mockIdP is a loopback identity provider for tests that must pass against the emulator and a
// real Logto alike: it serves OIDC discovery documents and SAML metadata, as the
// metadata-only IdP at 127.0.0.1:3009 did when the samples were captured. It is meant to move
// to internal/acctest once the SSO connector resource tests need it.
//
// OIDC: every path ending in /.well-known/openid-configuration serves a discovery document
// whose issuer is the path before it (Issuer builds such issuers); a first segment "broken"
// answers 500, "incomplete" omits jwks_uri, "not-json" answers text. SAML: /saml/metadata
// serves IdP metadata signed by a fresh certificate; /saml/bad-cert has an invalid certificate,
// /saml/post-only has no HTTP-Redirect sign-in service, /saml/not-xml is not XML. Other paths
// answer 404. SetDown makes a path answer 503 until it is set up again.
//
// Against a real Logto the IdP must be reachable from Logto's server: by default it listens on
// 127.0.0.1 (fine for a Logto on the same host); LOGTO_TEST_IDP_LISTEN (e.g. 0.0.0.0:3009) and
// LOGTO_TEST_IDP_URL (e.g. http://host.docker.internal:3009) change where it listens and the
// URL given to Logto. With a fixed address every test shares one instance.
type mockIdP struct {
	// URL is the base URL the server under test uses.
	URL string

	certDER  []byte
	notAfter time.Time

	mu       sync.Mutex
	hits     map[string]int
	down     map[string]bool
	metadata string // served at /saml/metadata instead of the generated metadata, when set
}

var (
	sharedIdPOnce sync.Once
	sharedIdP     *mockIdP
	sharedIdPErr  error
)

// newMockIdP starts a mock identity provider for the test (or returns the shared one when
// LOGTO_TEST_IDP_LISTEN is set).
func newMockIdP(t *testing.T) *mockIdP {
	t.Helper()
	if listen := os.Getenv("LOGTO_TEST_IDP_LISTEN"); listen != "" {
		sharedIdPOnce.Do(func() {
			sharedIdP, sharedIdPErr = startMockIdP(listen, os.Getenv("LOGTO_TEST_IDP_URL"))
		})
		if sharedIdPErr != nil {
			t.Fatalf("mock IdP on %s: %v", listen, sharedIdPErr)
		}
		return sharedIdP
	}
	m, srv, err := newMockIdPServer("127.0.0.1:0")
	if err != nil {
		t.Fatalf("mock IdP: %v", err)
	}
	srv.Start()
	t.Cleanup(srv.Close)
	m.URL = srv.URL
	return m
}

func startMockIdP(listen, advertised string) (*mockIdP, error) {
	m, srv, err := newMockIdPServer(listen)
	if err != nil {
		return nil, err
	}
	srv.Start() // lives until the test binary exits
	m.URL = strings.TrimSuffix(advertised, "/")
	if m.URL == "" {
		m.URL = srv.URL
	}
	return m, nil
}

func newMockIdPServer(listen string) (*mockIdP, *httptest.Server, error) {
	der, notAfter, err := selfSignedCertificate()
	if err != nil {
		return nil, nil, err
	}
	m := &mockIdP{certDER: der, notAfter: notAfter, hits: map[string]int{}, down: map[string]bool{}}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, nil, err
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(m.serve))
	_ = srv.Listener.Close()
	srv.Listener = ln
	return m, srv, nil
}

func selfSignedCertificate() ([]byte, time.Time, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, time.Time{}, err
	}
	notAfter := time.Now().Add(10 * 365 * 24 * time.Hour).Truncate(time.Second).UTC()
	template := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "mock-idp.test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     notAfter,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	return der, notAfter, err
}

// Issuer is an issuer URL served by the mock: its base URL, or the base URL and a path.
func (m *mockIdP) Issuer(name string) string {
	if name == "" {
		return m.URL
	}
	return m.URL + "/" + strings.Trim(name, "/")
}

// MetadataURL is the URL of the mock's valid SAML metadata.
func (m *mockIdP) MetadataURL() string { return m.URL + "/saml/metadata" }

// EntityID is the IdP entity id in the mock's metadata.
func (m *mockIdP) EntityID() string { return m.URL + "/saml/entity" }

// SignInURL is the HTTP-Redirect sign-in endpoint in the mock's metadata.
func (m *mockIdP) SignInURL() string { return m.URL + "/saml/sso" }

// CertificatePEM is the mock's signing certificate, PEM-encoded as Logto answers it.
func (m *mockIdP) CertificatePEM() string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: m.certDER}))
}

// CertificateBase64 is the certificate's DER in base64, as metadata carries it.
func (m *mockIdP) CertificateBase64() string { return base64.StdEncoding.EncodeToString(m.certDER) }

// CertificateExpiresAt is the certificate's notAfter in milliseconds.
func (m *mockIdP) CertificateExpiresAt() int64 { return m.notAfter.UnixMilli() }

// MetadataXML is valid IdP metadata for the mock, with the given certificate body (base64).
func (m *mockIdP) MetadataXML(certificate string, bindings ...string) string {
	if len(bindings) == 0 {
		bindings = []string{"HTTP-Redirect", "HTTP-POST"}
	}
	var services strings.Builder
	for _, b := range bindings {
		fmt.Fprintf(&services, "\n    <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:%s\" Location=%q/>",
			b, m.SignInURL())
	}
	return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="` + m.EntityID() + `">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>` +
		certificate + `</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>` +
		services.String() + `
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`
}

// Hits is the number of requests the mock answered for a path (e.g. "/acme/.well-known/...").
func (m *mockIdP) Hits(path string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.hits[path]
}

// DiscoveryHits is the number of discovery requests for an issuer built by Issuer(name).
func (m *mockIdP) DiscoveryHits(name string) int {
	return m.Hits(strings.TrimSuffix("/"+strings.Trim(name, "/"), "/") + "/.well-known/openid-configuration")
}

// ServeMetadata makes /saml/metadata serve this XML instead of the mock's own metadata.
func (m *mockIdP) ServeMetadata(xml string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.metadata = xml
}

// SetDown makes a path answer 503 (down) or serve normally again.
func (m *mockIdP) SetDown(path string, down bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.down[path] = down
}

// GoogleClient is an HTTP client for emulator.SetIdentityProviderClient that sends requests for
// Google's fixed issuer (https://accounts.google.com) to the mock, which then serves Google's
// issuer in the discovery document.
func (m *mockIdP) GoogleClient() *http.Client {
	return &http.Client{Timeout: 5 * time.Second, Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Host == "accounts.google.com" {
			r = r.Clone(r.Context())
			target := strings.TrimPrefix(m.URL, "http://")
			r.URL.Scheme, r.URL.Host = "http", target
			r.Host = target
			r.Header.Set("X-Mock-Issuer", "https://accounts.google.com")
		}
		return http.DefaultTransport.RoundTrip(r)
	})}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func (m *mockIdP) serve(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	m.hits[r.URL.Path]++
	down := m.down[r.URL.Path]
	metadata := m.metadata
	m.mu.Unlock()
	if down {
		http.Error(w, "mock IdP is down", http.StatusServiceUnavailable)
		return
	}
	const discovery = "/.well-known/openid-configuration"
	if strings.HasSuffix(r.URL.Path, discovery) {
		m.serveDiscovery(w, r, strings.TrimSuffix(r.URL.Path, discovery))
		return
	}
	switch r.URL.Path {
	case "/saml/metadata":
		if metadata == "" {
			metadata = m.MetadataXML(m.CertificateBase64())
		}
		m.xml(w, metadata)
	case "/saml/bad-cert":
		m.xml(w, m.MetadataXML("bm90IGEgY2VydGlmaWNhdGU="))
	case "/saml/post-only":
		m.xml(w, m.MetadataXML(m.CertificateBase64(), "HTTP-POST"))
	case "/saml/not-xml":
		m.xml(w, "<md:EntityDescriptor><unclosed>")
	default:
		http.NotFound(w, r)
	}
}

func (m *mockIdP) serveDiscovery(w http.ResponseWriter, r *http.Request, prefix string) {
	issuer := m.URL + prefix
	if forced := r.Header.Get("X-Mock-Issuer"); forced != "" {
		issuer = forced
	}
	first, _, _ := strings.Cut(strings.TrimPrefix(prefix, "/"), "/")
	switch first {
	case "broken":
		http.Error(w, "discovery is broken", http.StatusInternalServerError)
		return
	case "not-json":
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("this is not JSON"))
		return
	}
	doc := map[string]any{
		"issuer":                   issuer,
		"authorization_endpoint":   issuer + "/authorize",
		"token_endpoint":           issuer + "/token",
		"userinfo_endpoint":        issuer + "/userinfo",
		"jwks_uri":                 m.URL + "/jwks",
		"response_types_supported": []string{"code"},
	}
	if first == "incomplete" {
		delete(doc, "jwks_uri")
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(doc)
}

func (m *mockIdP) xml(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/samlmetadata+xml")
	_, _ = w.Write([]byte(body))
}

// closedLoopbackURL is an http URL on a loopback port nothing listens on: port 1 (tcpmux), which
// no service uses and the kernel never hands out to a test server.
func closedLoopbackURL(t *testing.T) string {
	t.Helper()
	if conn, err := net.Dial("tcp", "127.0.0.1:1"); err == nil {
		_ = conn.Close()
		t.Skip("something listens on 127.0.0.1:1")
	}
	return "http://127.0.0.1:1"
}

// rawJSON returns the compact JSON of a nested value of a JSON document, keeping its key order
// (jsonString re-encodes decoded maps with sorted keys). "" when the value is absent.
func rawJSON(t *testing.T, doc []byte, keys ...string) string {
	t.Helper()
	raw := json.RawMessage(doc)
	for _, k := range keys {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			return ""
		}
		next, ok := obj[k]
		if !ok {
			return ""
		}
		raw = next
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		t.Fatalf("compacting %s: %v", raw, err)
	}
	return buf.String()
}
