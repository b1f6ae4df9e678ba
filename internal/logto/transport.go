package logto

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"
)

// maxRetryAfter caps how long a Retry-After header can make the client wait
// before one retry; the request's context bounds the total anyway.
const maxRetryAfter = 5 * time.Minute

// attemptState travels in a request's context through go-retryablehttp to
// the retry policy and the per-attempt transport.
type attemptState struct {
	// repeatable tells whether the request may be sent again after the server
	// may have received it (see sendMode).
	repeatable bool
	attempts   atomic.Int32
}

type attemptStateKey struct{}

func withAttemptState(ctx context.Context, repeatable bool) context.Context {
	return context.WithValue(ctx, attemptStateKey{}, &attemptState{repeatable: repeatable})
}

func attemptStateFrom(ctx context.Context) *attemptState {
	st, _ := ctx.Value(attemptStateKey{}).(*attemptState)
	return st
}

// newRetryClient builds the go-retryablehttp client shared by API and token
// requests. It never logs through retryablehttp (Logger is nil): attempts are
// logged by attemptTransport with tflog.
func newRetryClient(cfg Config, base *http.Client, limiter *rate.Limiter) *retryablehttp.Client {
	next := base.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	return &retryablehttp.Client{
		HTTPClient: &http.Client{
			Transport: &attemptTransport{
				next:      next,
				limiter:   limiter,
				timeout:   cfg.RequestTimeout,
				userAgent: cfg.UserAgent,
			},
			CheckRedirect: base.CheckRedirect,
			Jar:           base.Jar,
		},
		Logger:       nil,
		RetryWaitMin: cfg.RetryWaitMin,
		RetryWaitMax: cfg.RetryWaitMax,
		RetryMax:     cfg.MaxRetries,
		CheckRetry:   checkRetry,
		Backoff:      backoff,
		// Hand the last answer back (e.g. the final 503 with Logto's error
		// body) instead of a generic "giving up" error.
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
}

// checkRetry is the retry policy (a retryablehttp.CheckRetry).
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	repeatable := true
	if st := attemptStateFrom(ctx); st != nil {
		repeatable = st.repeatable
	}
	if err != nil {
		var waitErr *rateWaitError
		if errors.As(err, &waitErr) {
			return false, nil
		}
		if !repeatable {
			// Nothing reached the server when the connection could not be opened.
			return isDialError(err), nil
		}
		// Retries connection resets, EOFs and attempt timeouts; not TLS
		// certificate, scheme, header or redirect-loop errors.
		retry, _ := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
		return retry, nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		// The request was refused before it was handled.
		return true, nil
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return repeatable, nil
	}
	return false, nil
}

// isDialError reports whether err happened while opening the connection,
// before any byte of the request was sent.
func isDialError(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// backoff is a retryablehttp.Backoff: the Retry-After of a 429 or 503 answer
// when there is one, otherwise exponential backoff with full jitter, a random
// wait between 0 and min(maxWait, minWait*2^attempt).
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if wait, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(wait, maxRetryAfter)
		}
	}
	return rand.N(backoffCeiling(minWait, maxWait, attempt) + 1)
}

// backoffCeiling is min(maxWait, minWait*2^attempt) without overflowing.
func backoffCeiling(minWait, maxWait time.Duration, attempt int) time.Duration {
	ceiling := max(minWait, 0)
	for i := 0; i < attempt && ceiling < maxWait; i++ {
		ceiling *= 2
		if ceiling <= 0 { // overflow, or minWait == 0
			ceiling = maxWait
		}
	}
	return min(ceiling, max(maxWait, 0))
}

// parseRetryAfter reads a Retry-After value: delay seconds or an HTTP date.
func parseRetryAfter(value string, now time.Time) (time.Duration, bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(value, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true
		}
		return time.Duration(secs) * time.Second, true
	}
	when, err := http.ParseTime(value)
	if err != nil {
		return 0, false
	}
	return max(when.Sub(now), 0), true
}

// rateWaitError is returned when the rate limiter cannot grant a request
// before the context ends; it is never retried.
type rateWaitError struct{ err error }

func (e *rateWaitError) Error() string {
	return "logto: waiting for the request rate limit: " + e.err.Error()
}
func (e *rateWaitError) Unwrap() error { return e.err }

// attemptTimeoutError reports that one attempt exceeded RequestTimeout while
// the caller's context was still alive.
type attemptTimeoutError struct{ timeout time.Duration }

func (e *attemptTimeoutError) Error() string {
	return fmt.Sprintf("logto: no answer within the request timeout (%s)", e.timeout)
}

// Timeout marks the error as a timeout for net.Error-style checks.
func (e *attemptTimeoutError) Timeout() bool { return true }

// attemptTransport sends one attempt: it waits for the rate limiter, bounds
// the attempt by the request timeout, sets the User-Agent and logs the attempt.
type attemptTransport struct {
	next      http.RoundTripper
	limiter   *rate.Limiter
	timeout   time.Duration
	userAgent string
}

// RoundTrip implements http.RoundTripper.
func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	parent := req.Context()
	if t.limiter != nil {
		if err := t.limiter.Wait(parent); err != nil {
			if parent.Err() != nil {
				return nil, parent.Err()
			}
			return nil, &rateWaitError{err: err}
		}
	}
	attempt := 1
	if st := attemptStateFrom(parent); st != nil {
		attempt = int(st.attempts.Add(1))
	}

	ctx, cancel := context.WithTimeout(parent, t.timeout)
	out := req.WithContext(ctx)
	if out.Header.Get("User-Agent") == "" {
		h := out.Header.Clone() // never modify the caller's request
		if h == nil {
			h = http.Header{}
		}
		h.Set("User-Agent", t.userAgent)
		out.Header = h
	}

	start := time.Now()
	resp, err := t.next.RoundTrip(out)
	if err != nil {
		cancel()
		if parent.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
			err = &attemptTimeoutError{timeout: t.timeout}
		}
		logAttempt(parent, req.Method, req.URL.Path, attempt, 0, err, time.Since(start))
		return nil, err
	}
	logAttempt(parent, req.Method, req.URL.Path, attempt, resp.StatusCode, nil, time.Since(start))
	// The attempt's timeout also covers reading the body; it ends on Close.
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
