package logto

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestNew_Validation(t *testing.T) {
	valid := Config{Endpoint: "https://abc123.logto.app", ClientID: "id", ClientSecret: "s3cr3t-value", Resource: "https://abc123.logto.app/api"}
	tests := []struct {
		name    string
		mutate  func(*Config)
		wantErr string
	}{
		{"valid", func(*Config) {}, ""},
		{"http localhost", func(c *Config) { c.Endpoint = "http://localhost:3001/" }, ""},
		{"path prefix", func(c *Config) { c.Endpoint = "https://example.com/logto" }, ""},
		{"empty endpoint", func(c *Config) { c.Endpoint = "" }, "endpoint is empty"},
		{"relative", func(c *Config) { c.Endpoint = "abc123.logto.app" }, "absolute http"},
		{"ftp", func(c *Config) { c.Endpoint = "ftp://abc123.logto.app" }, "absolute http"},
		{"no host", func(c *Config) { c.Endpoint = "https://" }, "has no host"},
		{"query", func(c *Config) { c.Endpoint = "https://a.example.com?x=1" }, "query"},
		{"credentials", func(c *Config) { c.Endpoint = "https://u:p@a.example.com" }, "credentials"},
		{"api suffix", func(c *Config) { c.Endpoint = "https://abc123.logto.app/api/" }, `"/api"`},
		{"no client id", func(c *Config) { c.ClientID = " " }, "client ID is empty"},
		{"no secret", func(c *Config) { c.ClientSecret = "" }, "client secret is empty"},
		{"no resource", func(c *Config) { c.Resource = "" }, "resource indicator is empty"},
		{"negative timeout", func(c *Config) { c.RequestTimeout = -time.Second }, "negative"},
		{"negative rate", func(c *Config) { c.RateLimit = -1 }, "rate limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := valid
			tt.mutate(&cfg)
			c, err := New(cfg)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("New: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("New error = %v, want it to mention %q", err, tt.wantErr)
			case err != nil && strings.Contains(err.Error(), valid.ClientSecret):
				t.Errorf("error reveals the secret: %v", err)
			case err == nil && strings.HasSuffix(c.Endpoint(), "/"):
				t.Errorf("Endpoint() = %q has a trailing slash", c.Endpoint())
			}
		})
	}
}

func TestNew_DefaultsAndNoNetwork(t *testing.T) {
	f := newFakeLogto(t, okJSON(`{}`))
	c, err := New(Config{Endpoint: f.srv.URL + "/", ClientID: "id", ClientSecret: "s", Resource: testResource})
	if err != nil {
		t.Fatal(err)
	}
	if c.Endpoint() != f.srv.URL {
		t.Errorf("Endpoint() = %q", c.Endpoint())
	}
	if f.tokenCalls.Load() != 0 || f.apiCalls.Load() != 0 {
		t.Error("New contacted the server")
	}
	if c.retry.RetryMax != DefaultMaxRetries || c.retry.RetryWaitMin != DefaultRetryWaitMin ||
		c.retry.RetryWaitMax != DefaultRetryWaitMax || c.retry.Logger != nil {
		t.Errorf("retry client = %+v", c.retry)
	}
	if c.userAgent != DefaultUserAgent || strings.Join(c.oauth.Scopes, " ") != "all" ||
		c.oauth.TokenURL != f.srv.URL+"/oidc/token" || c.oauth.EndpointParams.Get("resource") != testResource {
		t.Errorf("oauth config = %+v", c.oauth.EndpointParams)
	}
	tr, ok := c.retry.HTTPClient.Transport.(*attemptTransport)
	if !ok || tr.timeout != DefaultRequestTimeout || tr.limiter != nil {
		t.Errorf("transport = %+v", c.retry.HTTPClient.Transport)
	}

	c2, _ := New(Config{Endpoint: f.srv.URL, ClientID: "id", ClientSecret: "s", Resource: "r",
		MaxRetries: -1, RetryWaitMin: time.Second, RetryWaitMax: time.Millisecond, RateLimit: 2})
	if c2.retry.RetryMax != 0 || c2.retry.RetryWaitMax != time.Second {
		t.Errorf("MaxRetries -1 → %d, RetryWaitMax → %s", c2.retry.RetryMax, c2.retry.RetryWaitMax)
	}
	if tr2, ok := c2.retry.HTTPClient.Transport.(*attemptTransport); !ok || tr2.limiter == nil {
		t.Error("RateLimit set but no limiter")
	}
}

func TestConfig_StringHidesSecret(t *testing.T) {
	cfg := Config{Endpoint: "https://a.example.com", ClientID: "id", ClientSecret: testClientSecret, Resource: "r"}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmt.Sprintf(format, cfg); strings.Contains(out, testClientSecret) || !strings.Contains(out, "<redacted>") {
			t.Errorf("%s: %s", format, out)
		}
	}
}

func TestDo_PathEscapingAndEmptyBodies(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.EscapedPath() != "/api/applications/a%2Fb/secrets/Default%20secret" {
			t.Errorf("path = %s", r.URL.EscapedPath())
		}
		if r.ContentLength > 0 || r.Header.Get("Content-Type") != "" {
			t.Errorf("DELETE carried a body: %d %q", r.ContentLength, r.Header.Get("Content-Type"))
		}
		w.WriteHeader(http.StatusNoContent)
	})
	if err := f.client(t).DeleteApplicationSecret(t.Context(), "a/b", "Default secret"); err != nil {
		t.Fatal(err)
	}
}

func TestDo_UndecodableAnswer(t *testing.T) {
	f := newFakeLogto(t, okJSON(`{"id": 42}`))
	_, err := f.client(t).GetApplication(t.Context(), "a1")
	if err == nil || !strings.Contains(err.Error(), "decoding the answer") {
		t.Errorf("error = %v", err)
	}
}
