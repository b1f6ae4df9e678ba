package logto

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/time/rate"
)

// Defaults applied by New to the zero fields of a Config.
const (
	DefaultScope          = "all"
	DefaultRequestTimeout = 30 * time.Second
	DefaultMaxRetries     = 4
	DefaultRetryWaitMin   = 500 * time.Millisecond
	DefaultRetryWaitMax   = 15 * time.Second
	DefaultUserAgent      = "terraform-provider-logto"
)

// tokenPath is where Logto's OIDC provider issues tokens, relative to the endpoint.
const tokenPath = "/oidc/token"

// Config configures a Client. Zero values take the defaults documented on each field.
type Config struct {
	// Endpoint is the base URL of the Logto server, e.g. "https://abc123.logto.app"
	// or "http://localhost:3001", without the trailing "/api".
	Endpoint string
	// ClientID and ClientSecret identify a machine-to-machine application that
	// holds a role with Management API access.
	ClientID     string
	ClientSecret string
	// Resource is the Management API resource indicator, e.g.
	// "https://default.logto.app/api" for self-hosted Logto.
	Resource string
	// Scope is the space-separated scope requested with the token; default "all".
	Scope string
	// RequestTimeout bounds each attempt (sending the request and reading the
	// answer); default 30s. Waiting for the rate limiter is not counted.
	RequestTimeout time.Duration
	// MaxRetries is the number of retries after the first attempt; 0 means the
	// default (4), a negative value disables retries.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the exponential backoff between
	// attempts; defaults 500ms and 15s. A RetryWaitMax below RetryWaitMin is
	// raised to RetryWaitMin.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// RateLimit caps the requests per second sent to the server (token requests
	// and retries included); 0 means unlimited.
	RateLimit float64
	// UserAgent is sent with every request; default "terraform-provider-logto".
	UserAgent string
	// NoBatchReads turns batched reads off: every Refresh* read sends its
	// own GET instead of being answered from a listing of its type (see
	// Client.RefreshApplication).
	NoBatchReads bool
	// HTTPClient optionally supplies the transport, cookie jar and redirect
	// policy (useful in tests); its Timeout is ignored in favour of
	// RequestTimeout. Default: a pooled client from go-cleanhttp.
	HTTPClient *http.Client
}

// String describes the configuration without the client secret.
func (c Config) String() string {
	secret := "<empty>"
	if c.ClientSecret != "" {
		secret = "<redacted>"
	}
	return fmt.Sprintf("logto.Config{Endpoint: %q, ClientID: %q, ClientSecret: %s, Resource: %q, Scope: %q}",
		c.Endpoint, c.ClientID, secret, c.Resource, c.Scope)
}

// GoString is String, so that %#v does not print the client secret either.
func (c Config) GoString() string { return c.String() }

// Client calls the Logto Management API. It is safe for concurrent use; create
// one per provider instance so that its access token is shared.
type Client struct {
	endpoint  string
	userAgent string
	tokenPath string

	retry     *retryablehttp.Client
	tokenHTTP *http.Client
	oauth     clientcredentials.Config
	tokens    tokenCache

	// maxRetries bounds how often create sends a POST again after a lost
	// answer (the transport's retries use the same setting).
	maxRetries int
	// claims holds what this Client created or adopted; clock estimates the
	// server's time. Both serve the lookups of create.
	claims claimSet
	clock  serverClock
	// pages holds the listings that answer Refresh* reads.
	pages pageSets

	// now is the clock used for token expiry; tests replace it.
	now func() time.Time
}

// New validates cfg and returns a Client. It does not contact the server: the
// first request fetches the access token.
func New(cfg Config) (*Client, error) {
	endpoint, err := normalizeEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	var problems []string
	if strings.TrimSpace(cfg.ClientID) == "" {
		problems = append(problems, "client ID is empty")
	}
	if cfg.ClientSecret == "" {
		problems = append(problems, "client secret is empty")
	}
	if strings.TrimSpace(cfg.Resource) == "" {
		problems = append(problems, "resource indicator is empty")
	}
	if cfg.RequestTimeout < 0 || cfg.RetryWaitMin < 0 || cfg.RetryWaitMax < 0 {
		problems = append(problems, "timeouts and retry waits must not be negative")
	}
	if cfg.RateLimit < 0 {
		problems = append(problems, "rate limit must not be negative")
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("logto: invalid configuration: %s", strings.Join(problems, "; "))
	}
	applyDefaults(&cfg)

	var limiter *rate.Limiter
	if cfg.RateLimit > 0 {
		limiter = rate.NewLimiter(rate.Limit(cfg.RateLimit), 1)
	}
	base := cfg.HTTPClient
	if base == nil {
		base = cleanhttp.DefaultPooledClient()
	}
	retry := newRetryClient(cfg, base, limiter)

	tokenURL := endpoint + tokenPath
	u, _ := url.Parse(tokenURL) // endpoint was validated above
	return &Client{
		endpoint:  endpoint,
		userAgent: cfg.UserAgent,
		tokenPath: u.Path,
		retry:     retry,
		// The token request goes through the same retrying, rate-limited,
		// logged transport as the API calls.
		tokenHTTP: &http.Client{Transport: &retryablehttp.RoundTripper{Client: retry}},
		oauth: clientcredentials.Config{
			ClientID:       cfg.ClientID,
			ClientSecret:   cfg.ClientSecret,
			TokenURL:       tokenURL,
			Scopes:         strings.Fields(cfg.Scope),
			EndpointParams: url.Values{"resource": {cfg.Resource}},
			AuthStyle:      oauth2.AuthStyleInHeader,
		},
		maxRetries: cfg.MaxRetries,
		pages:      pageSets{off: cfg.NoBatchReads},
		now:        time.Now,
	}, nil
}

// Endpoint returns the base URL of the Logto server, without a trailing slash.
func (c *Client) Endpoint() string { return c.endpoint }

func applyDefaults(cfg *Config) {
	if strings.TrimSpace(cfg.Scope) == "" {
		cfg.Scope = DefaultScope
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = DefaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.RetryWaitMin == 0 {
		cfg.RetryWaitMin = DefaultRetryWaitMin
	}
	if cfg.RetryWaitMax == 0 {
		cfg.RetryWaitMax = DefaultRetryWaitMax
	}
	if cfg.RetryWaitMax < cfg.RetryWaitMin {
		cfg.RetryWaitMax = cfg.RetryWaitMin
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
}

// normalizeEndpoint checks that raw is an absolute http(s) URL without query,
// fragment, credentials or "/api" suffix, and returns it without trailing slashes.
func normalizeEndpoint(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("logto: invalid configuration: endpoint is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("logto: invalid configuration: endpoint %q is not a URL: %w", raw, err)
	}
	invalid := func(why string) error {
		return fmt.Errorf("logto: invalid configuration: endpoint %q %s", raw, why)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", invalid("must be an absolute http:// or https:// URL")
	case u.Host == "" || u.Hostname() == "":
		return "", invalid("has no host")
	case u.User != nil:
		return "", invalid("must not contain credentials")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return "", invalid("must not have a query or fragment")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	if strings.HasSuffix(u.Path, "/api") {
		return "", invalid(`must be the server's base URL, without the trailing "/api"`)
	}
	return u.String(), nil
}
