package emulator

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"
)

// DefaultResource is the Management API resource indicator of self-hosted Logto.
const DefaultResource = "https://default.logto.app/api"

// Options configures a Server.
type Options struct {
	// ClientID is the client id accepted at /oidc/token (required).
	ClientID string
	// ClientSecret is the client secret accepted at /oidc/token (required).
	ClientSecret string
	// Resource is the accepted resource indicator; default DefaultResource.
	Resource string
	// TokenTTL is the access token lifetime (expires_in, in seconds); default 1h.
	TokenTTL time.Duration
	// StateFile, when set, is loaded by New if it exists and written atomically (temporary file
	// in the same directory, fsync, rename) after every successful mutation.
	StateFile string
	// ProtectedAppDomain selects how Protected applications behave: "" answers their creation
	// with 501 application.protected_app_not_configured, like self-hosted OSS; otherwise their
	// host is "<subDomain>.<ProtectedAppDomain>", like Logto Cloud.
	ProtectedAppDomain string
	// Now is the clock for timestamps and token expiry; default time.Now.
	Now func() time.Time
	// Latency, when positive, is slept before every request is served (token requests
	// included), to stand in for a real server's round trip in benchmarks; a cancelled request
	// stops waiting and gets no answer.
	Latency time.Duration
}

// Server is an in-memory Logto Management API. It is an http.Handler and is safe for concurrent
// use.
type Server struct {
	opts   Options
	router router

	mu      sync.Mutex // guards apps, secrets and seq
	apps    map[string]*appRecord
	secrets map[string][]*appSecret
	seq     int64
	// heldSecrets and heldSecretOrder remember every application secret value (SecretValues);
	// guarded by mu.
	heldSecrets     map[string]bool
	heldSecretOrder []string
	// access holds API resources, scopes, roles, users and their links; guarded by mu.
	access accessStore
	// sso holds the SSO connectors and the sign-in experience; guarded by mu.
	sso ssoState
	// org holds organizations, the organization template and their relations; guarded by mu.
	org organizationStore

	tokens   tokenStore
	counters counters
	faults   faultSet
}

// New creates a Server. It fails when the credentials are missing or the state file cannot be
// read.
func New(opts Options) (*Server, error) {
	if opts.ClientID == "" || opts.ClientSecret == "" {
		return nil, errors.New("emulator: ClientID and ClientSecret are required")
	}
	if opts.Resource == "" {
		opts.Resource = DefaultResource
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = time.Hour
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{
		opts:    opts,
		apps:    map[string]*appRecord{},
		secrets: map[string][]*appSecret{},
	}
	s.access = newAccessStore(opts, &s.seq, opts.Now().UnixMilli())
	if opts.StateFile != "" {
		if err := s.loadState(); err != nil {
			return nil, err
		}
	}
	s.routes()
	return s, nil
}

// routes registers every API area. Add new areas here, one register method per file.
func (s *Server) routes() {
	rt := &s.router
	rt.handle(http.MethodPost, "/oidc/token", public, s.handleToken)
	rt.handle(http.MethodGet, "/oidc/.well-known/openid-configuration", public, s.handleDiscovery)
	rt.handle(http.MethodGet, "/api/status", public, s.handleStatus)
	s.registerApplications(rt)
	s.registerResources(rt)
	s.registerRoles(rt)
	s.registerUsers(rt)
	s.registerSSOConnectors(rt)
	s.registerSignInExp(rt)
	s.registerOrganizations(rt)
}

func (s *Server) now() time.Time { return s.opts.Now() }

// ServeHTTP routes a request: it counts it, applies a matching before fault, answers unmatched
// routes like Koa (404/405 text), checks the bearer token on Management API routes, then runs
// the route's handler, through a matching after fault when no before fault applied.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m := s.router.find(r)
	s.counters.inc(m.key(r.Method))
	if s.opts.Latency > 0 && !sleepCtx(r, s.opts.Latency) {
		return
	}
	before, faulted := s.faults.take(r.Method, m.pattern(), false)
	if faulted && applyFault(w, r, before) {
		return
	}
	if m.route == nil {
		if len(m.allow) > 0 {
			w.Header().Set("Allow", strings.Join(m.allow, ", "))
			if r.Method == http.MethodOptions {
				w.WriteHeader(http.StatusOK)
				return
			}
			writePlain(w, http.StatusMethodNotAllowed)
			return
		}
		writePlain(w, http.StatusNotFound)
		return
	}
	if m.route.access == managementAPI && !s.authenticate(w, r) {
		return
	}
	for name, value := range m.params {
		r.SetPathValue(name, value)
	}
	if !faulted {
		if after, ok := s.faults.take(r.Method, m.pattern(), true); ok {
			serveWithAfterFault(w, r, m.route.handler, after)
			return
		}
	}
	m.route.handler(w, r)
}

// sleepCtx sleeps d and reports whether the request is still wanted.
func sleepCtx(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}
