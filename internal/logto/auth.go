package logto

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/oauth2"
)

// refreshMargin is how long before its expiry a token is replaced.
const refreshMargin = 60 * time.Second

// accessToken is a cached Management API access token. Callers compare
// pointers to tell tokens apart: never log or print the value.
type accessToken struct {
	value string
	// refreshAt is when the token stops being used; zero means never (the
	// server sent no expires_in).
	refreshAt time.Time
}

func (t *accessToken) usable(now time.Time) bool {
	return t.refreshAt.IsZero() || now.Before(t.refreshAt)
}

// tokenCache holds the Client's one token and the refresh in flight, which
// concurrent callers share.
type tokenCache struct {
	mu       sync.Mutex
	current  *accessToken
	inflight *tokenFetch
	// onToken is told each token fetched (see Client.OnToken).
	onToken func(token string)
}

type tokenFetch struct {
	done chan struct{}
	tok  *accessToken
	err  error
}

// token returns a usable access token, fetching one when there is none or
// when the cached one is about to expire. rejected is a token the server has
// just refused with 401: it is dropped from the cache if it is still there,
// and a newer token already cached is returned as is.
//
// Only one fetch runs at a time; other callers wait for it. The fetch runs
// with the context of the caller that started it: if that context ends, the
// waiters whose own contexts are alive start a new fetch.
func (c *Client) token(ctx context.Context, rejected *accessToken) (*accessToken, error) {
	tc := &c.tokens
	for {
		tc.mu.Lock()
		if rejected != nil && tc.current == rejected {
			tc.current = nil
		}
		if t := tc.current; t != nil && t.usable(c.now()) {
			tc.mu.Unlock()
			return t, nil
		}
		f := tc.inflight
		if f == nil {
			f = &tokenFetch{done: make(chan struct{})}
			tc.inflight = f
			tc.mu.Unlock()

			f.tok, f.err = c.fetchToken(ctx)
			tc.mu.Lock()
			if f.err == nil {
				tc.current = f.tok
			}
			tc.inflight = nil
			tc.mu.Unlock()
			close(f.done)
			return f.tok, f.err
		}
		tc.mu.Unlock()

		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-f.done:
		}
		if f.err == nil {
			return f.tok, nil
		}
		if isContextError(f.err) && ctx.Err() == nil {
			continue // the leader gave up, we did not: fetch again
		}
		return nil, f.err
	}
}

func isContextError(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// fetchToken runs the client credentials grant with the caller's context.
func (c *Client) fetchToken(ctx context.Context) (*accessToken, error) {
	// Repeating a token request only mints another token, so it is retried
	// like an idempotent request.
	ctx = withAttemptState(ctx, true)
	ctx = context.WithValue(ctx, oauth2.HTTPClient, c.tokenHTTP)
	issued := c.now()
	tok, err := c.oauth.Token(ctx)
	if err != nil {
		return nil, c.tokenError(ctx, err)
	}
	t := &accessToken{value: tok.AccessToken}
	c.reportToken(t.value)
	lifetime := time.Duration(tok.ExpiresIn) * time.Second
	if lifetime <= 0 && !tok.Expiry.IsZero() {
		lifetime = time.Until(tok.Expiry)
	}
	if lifetime > 0 {
		// Refresh a minute early; short-lived tokens are used for half their life.
		t.refreshAt = issued.Add(lifetime - min(refreshMargin, lifetime/2))
	}
	tflog.Debug(ctx, "Fetched a Logto Management API access token", map[string]any{
		"token_expires_in_s": int64(lifetime / time.Second),
	})
	return t, nil
}

// OnToken makes the Client call f with each access token it obtains from now
// on, before the token is cached or used (the provider adds tokens to the
// values masked in its logs). f must be quick and must not log the token.
func (c *Client) OnToken(f func(token string)) {
	c.tokens.mu.Lock()
	defer c.tokens.mu.Unlock()
	c.tokens.onToken = f
}

func (c *Client) reportToken(token string) {
	c.tokens.mu.Lock()
	f := c.tokens.onToken
	c.tokens.mu.Unlock()
	if f != nil {
		f(token)
	}
}

// tokenError turns a token endpoint failure into an *Error carrying Logto's
// code (e.g. 401 oidc.invalid_client, 400 oidc.invalid_target).
func (c *Client) tokenError(ctx context.Context, err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil {
		return parseErrorBody(http.MethodPost, c.tokenPath, re.Response.StatusCode, re.Body)
	}
	if ctx.Err() != nil && isContextError(err) {
		return fmt.Errorf("logto: requesting an access token: %w", ctx.Err())
	}
	return fmt.Errorf("logto: requesting an access token: %w", err)
}

// AccessToken returns the Client's current access token, fetching one when
// needed. It exists for tests that look for tokens where they must not be (in
// logs); provider code never needs it and must never log it.
func (c *Client) AccessToken(ctx context.Context) (string, error) {
	t, err := c.token(ctx, nil)
	if err != nil {
		return "", err
	}
	return t.value, nil
}
