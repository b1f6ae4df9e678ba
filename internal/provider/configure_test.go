package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestDeriveResource(t *testing.T) {
	t.Parallel()
	for endpoint, want := range map[string]string{
		"https://abc123.logto.app":       "https://abc123.logto.app/api",
		"https://abc123.logto.app/":      "https://abc123.logto.app/api",
		"http://localhost:3001":          SelfHostedResource,
		"https://auth.example.com":       SelfHostedResource,
		"https://a.b.logto.app":          SelfHostedResource,
		"https://logto.app":              SelfHostedResource,
		"https://abc123.logto.app.evil":  SelfHostedResource,
		"https://abc123.logto.app:8443/": "https://abc123.logto.app/api",
	} {
		if got := DeriveResource(endpoint); got != want {
			t.Errorf("DeriveResource(%q) = %q, want %q", endpoint, got, want)
		}
	}
}

func TestClientConfig_envFallbacks(t *testing.T) {
	t.Setenv("LOGTO_ENDPOINT", "https://t1.logto.app/")
	t.Setenv("LOGTO_CLIENT_ID", "env-id")
	t.Setenv("LOGTO_CLIENT_SECRET", "env-secret")
	t.Setenv("LOGTO_RESOURCE", "")
	t.Setenv("LOGTO_REQUEST_TIMEOUT", "45s")
	t.Setenv("LOGTO_MAX_RETRIES", "0")
	t.Setenv("LOGTO_RATE_LIMIT", "2.5")
	p := &logtoProvider{version: "1.0.0"}
	var diags diag.Diagnostics
	cfg := p.clientConfig(providerModel{ClientID: types.StringValue("config-id")}, &diags)
	if diags.HasError() {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if cfg.Endpoint != "https://t1.logto.app" || cfg.ClientID != "config-id" || cfg.ClientSecret != "env-secret" {
		t.Errorf("config = %+v: want the endpoint and secret from the environment and the id from the configuration", cfg)
	}
	if cfg.Resource != "https://t1.logto.app/api" {
		t.Errorf("resource = %q, want it derived from the Cloud endpoint", cfg.Resource)
	}
	if cfg.RequestTimeout.String() != "45s" || cfg.MaxRetries != -1 || cfg.RateLimit != 2.5 {
		t.Errorf("transport settings = %v / %d / %v, want 45s / -1 (disabled) / 2.5", cfg.RequestTimeout, cfg.MaxRetries, cfg.RateLimit)
	}
	if !strings.HasPrefix(cfg.UserAgent, "terraform-provider-logto/1.0.0") {
		t.Errorf("user agent = %q", cfg.UserAgent)
	}
}

func TestClientConfig_missingAndMalformed(t *testing.T) {
	for _, env := range []string{"LOGTO_ENDPOINT", "LOGTO_CLIENT_ID", "LOGTO_CLIENT_SECRET", "LOGTO_RESOURCE",
		"LOGTO_REQUEST_TIMEOUT", "LOGTO_MAX_RETRIES", "LOGTO_RATE_LIMIT"} {
		t.Setenv(env, "")
	}
	p := &logtoProvider{}
	var diags diag.Diagnostics
	p.clientConfig(providerModel{}, &diags)
	var paths []string
	for _, d := range diags.Errors() {
		if d.Summary() != "Missing Logto Provider Setting" {
			t.Errorf("unexpected diagnostic %q", d.Summary())
		}
		if pd, ok := d.(diag.DiagnosticWithPath); ok {
			paths = append(paths, pd.Path().String())
		}
	}
	if got := strings.Join(paths, ","); got != "endpoint,client_id,client_secret" {
		t.Errorf("errors on %q, want endpoint,client_id,client_secret", got)
	}

	diags = nil
	t.Setenv("LOGTO_ENDPOINT", "https://logto.example.com/api/")
	t.Setenv("LOGTO_CLIENT_ID", "id")
	t.Setenv("LOGTO_CLIENT_SECRET", "secret")
	p.clientConfig(providerModel{}, &diags)
	if len(diags.Errors()) != 1 || !strings.Contains(diags.Errors()[0].Detail(), "https://logto.example.com)") {
		t.Errorf("an endpoint ending in /api: want one error suggesting the base URL, got %v", diags)
	}

	diags = nil
	t.Setenv("LOGTO_ENDPOINT", "logto.example.com")
	t.Setenv("LOGTO_CLIENT_ID", "id")
	t.Setenv("LOGTO_CLIENT_SECRET", "secret")
	t.Setenv("LOGTO_MAX_RETRIES", "many")
	p.clientConfig(providerModel{}, &diags)
	if len(diags.Errors()) != 2 {
		t.Fatalf("want 2 errors (endpoint without scheme, max_retries not a number), got %v", diags)
	}
	for _, d := range diags.Errors() {
		if strings.Contains(d.Detail(), "secret") {
			t.Errorf("a diagnostic mentions the secret: %q", d.Detail())
		}
	}
}
