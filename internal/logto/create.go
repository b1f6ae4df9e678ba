package logto

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// createdSinceMargin widens the "created since the request was sent" window
// of a lookup: the server's clock is known from Date headers only to the
// second, and the request may reach it a little before it left (clock skew).
const createdSinceMargin = 2 * time.Second

// ambiguousLookups is how many times a lookup that finds several candidates
// is repeated (concurrent creates of the same name settle their claims in
// between) before the create gives up.
const ambiguousLookups = 3

// createSpec describes one create for [create]: the request, and how to find
// what it may have created when its answer is lost.
type createSpec[T any] struct {
	// path is the POST route; in is its body.
	path string
	in   any
	// what names the object in errors and logs ("application", "secret").
	what string
	// key identifies an object among everything this Client has created or
	// adopted (its id, or "<parent>/<name>" for objects named within a
	// parent): a lookup never adopts an object that is already claimed.
	key func(*T) string
	// find lists the objects that match the create's natural key (a unique
	// name) or, where names may repeat, its exact name and type. It is
	// called only after an answer was lost.
	find func(ctx context.Context) ([]T, error)
	// createdAt returns an object's creation time in epoch milliseconds as
	// the server has it, or nil when the type has none. Candidates created
	// before the request was sent are ignored.
	createdAt func(*T) int64
}

// create sends a POST that creates one object, and makes sure that a lost
// answer neither fails the create nor creates a second object.
//
// When the outcome of the POST is unknown (see OutcomeUnknown: a connection
// dropped or timed out after the request was sent, or 502/503/504), create
// waits a backoff, then asks spec.find for the objects the POST may have made
// and keeps those created since the request was sent (by the server's clock,
// within createdSinceMargin) and not claimed by an earlier create of this
// Client. Exactly one candidate: it is adopted and returned. None: the POST is
// sent again, up to the Client's MaxRetries times. Several: the lookup is
// repeated a few times, then create fails naming them.
//
// Limits, documented for users in CONTRIBUTING.md: a request still in flight
// when the lookup runs (a server slower than the client's timeout) is not
// seen, so the object may be created twice; for objects whose names may
// repeat, an object of the same name and type made by someone else within the
// margin before the request could be adopted instead.
func create[T any](ctx context.Context, c *Client, spec createSpec[T]) (*T, error) {
	sentAt := time.Now()
	for try := 0; ; try++ {
		var out T
		err := c.doOnce(ctx, http.MethodPost, spec.path, spec.in, &out)
		if err == nil {
			c.claims.claim(spec.key(&out))
			return &out, nil
		}
		if !OutcomeUnknown(err) || ctx.Err() != nil {
			return nil, err
		}
		tflog.Warn(ctx, "The answer to a Logto create was lost; looking for what it may have created before sending it again",
			map[string]any{"api_path": spec.path, "api_error": err.Error(), "api_attempt": try + 1})
		found, lookErr := lookUpCreated(ctx, c, spec, sentAt, try)
		switch {
		case lookErr != nil:
			var unknown *UnknownOutcomeError
			if errors.As(lookErr, &unknown) {
				unknown.Err = err
				return nil, unknown
			}
			return nil, &UnknownOutcomeError{What: spec.what, Err: err, LookupErr: lookErr}
		case found != nil:
			tflog.Info(ctx, "Adopted the object a Logto create made before its answer was lost",
				map[string]any{"api_path": spec.path})
			return found, nil
		case try >= c.maxRetries:
			return nil, err
		}
		// sentAt stays the first attempt's time: whichever attempt made the
		// object, it is this create's.
	}
}

// lookUpCreated waits a backoff, then looks for the one object spec's POST
// may have created; nil, nil when there is none.
func lookUpCreated[T any](ctx context.Context, c *Client, spec createSpec[T], sentAt time.Time, try int) (*T, error) {
	for look := 0; ; look++ {
		if err := c.sleep(ctx, try+look); err != nil {
			return nil, err
		}
		all, err := spec.find(ctx)
		if err != nil {
			return nil, err
		}
		// The lookup's own answer has just updated the server clock.
		since := c.clock.toServer(sentAt).Add(-createdSinceMargin).UnixMilli()
		var candidates []*T
		for i := range all {
			obj := &all[i]
			if spec.createdAt != nil && spec.createdAt(obj) < since {
				continue
			}
			if c.claims.claimed(spec.key(obj)) {
				continue
			}
			candidates = append(candidates, obj)
		}
		switch {
		case len(candidates) == 0:
			return nil, nil
		case len(candidates) == 1:
			if c.claims.claimIfFree(spec.key(candidates[0])) {
				return candidates[0], nil
			}
			// Claimed by a concurrent create in the meantime: look again.
		case look+1 >= ambiguousLookups:
			keys := make([]string, 0, len(candidates))
			for _, obj := range candidates {
				keys = append(keys, spec.key(obj))
			}
			sort.Strings(keys)
			return nil, &UnknownOutcomeError{What: spec.what, Candidates: keys}
		}
	}
}

// sleep waits the backoff of the given retry, or until ctx ends.
func (c *Client) sleep(ctx context.Context, attempt int) error {
	wait := backoff(c.retry.RetryWaitMin, c.retry.RetryWaitMax, attempt, nil)
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// OutcomeUnknown reports whether err leaves it unknown if the server acted on
// the request: the connection dropped or timed out after the request was sent,
// or the server (or a proxy in front of it) answered 502, 503 or 504. A
// refused dial, a cancelled context and any other answer are known outcomes.
func OutcomeUnknown(err error) bool {
	if err == nil {
		return false
	}
	if e, ok := AsError(err); ok {
		switch e.StatusCode {
		case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	var waitErr *rateWaitError
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.As(err, &waitErr) || isDialError(err) {
		return false
	}
	return true
}

// UnknownOutcomeError is returned when a create's answer was lost and the
// lookup for what it may have created failed too: the object may exist
// without being tracked.
type UnknownOutcomeError struct {
	// What names the object, e.g. "application".
	What string
	// Err is the failure of the create; LookupErr that of the lookup.
	Err, LookupErr error
	// Candidates lists the keys of several matching objects, when the lookup
	// could not tell which one the create made.
	Candidates []string
}

// Error explains what happened and what may exist.
func (e *UnknownOutcomeError) Error() string {
	if len(e.Candidates) > 0 {
		return fmt.Sprintf("%v; the %s may have been created, and several objects match it (%s): import the right one or delete the extra ones",
			e.Err, e.What, strings.Join(e.Candidates, ", "))
	}
	return fmt.Sprintf("%v; the %s may have been created, and looking for it failed: %v", e.Err, e.What, e.LookupErr)
}

// Unwrap returns the create's error, so that AsError finds its status.
func (e *UnknownOutcomeError) Unwrap() error { return e.Err }

// claimSet holds the keys of the objects a Client created or adopted, so that
// a lookup never adopts an object that another create already owns.
type claimSet struct {
	mu   sync.Mutex
	keys map[string]struct{}
}

func (s *claimSet) claim(key string) {
	if key == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys == nil {
		s.keys = map[string]struct{}{}
	}
	s.keys[key] = struct{}{}
}

// claimIfFree claims key unless it is claimed already.
func (s *claimSet) claimIfFree(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, taken := s.keys[key]; taken {
		return false
	}
	if s.keys == nil {
		s.keys = map[string]struct{}{}
	}
	s.keys[key] = struct{}{}
	return true
}

func (s *claimSet) claimed(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.keys[key]
	return ok
}

// serverClock estimates the server's clock from the Date headers of its
// answers (to the second).
type serverClock struct {
	offset atomic.Int64 // server minus local, nanoseconds
}

func (sc *serverClock) observe(h http.Header) {
	if v := h.Get("Date"); v != "" {
		if t, err := http.ParseTime(v); err == nil {
			sc.offset.Store(int64(time.Until(t)))
		}
	}
}

// toServer converts a local time to the server's clock.
func (sc *serverClock) toServer(local time.Time) time.Time {
	return local.Add(time.Duration(sc.offset.Load()))
}
