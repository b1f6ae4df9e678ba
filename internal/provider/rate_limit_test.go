package provider_test

import (
	"crypto/sha256"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// Settings of TestAccProvider_rateLimitAtScale, for a longer run than make test's:
//
//	LOGTO_RATE_OBJECTS=1000 make testacc TESTARGS='-run rateLimitAtScale'
const (
	envRateObjects = "LOGTO_RATE_OBJECTS" // objects to apply; default 200
	envRateCap     = "LOGTO_RATE_CAP"     // the provider's rate_limit, requests per second; default 50
)

// rateWindow is the number of consecutive requests over which the request
// rate is measured: long enough that the jitter of a few requests' arrival
// cannot move the rate by more than the 10% allowed.
const rateWindow = 200

// TestAccProvider_rateLimitAtScale applies a fleet of objects of every type
// (the one of TestAccProvider_lostAnswers) while the emulator answers a tenth
// of all requests (token requests included) with 429 and Retry-After: 1, as
// Logto Cloud does under load, with the provider's rate_limit set. The apply
// must succeed with every object exactly once in the emulator and in the state,
// the plan after a refresh must be empty, destroy must leave nothing, and over
// every window of rateWindow consecutive requests the server must see at most
// the cap plus 10%. It reports the time the retries of rate-limited requests
// waited beside what Retry-After asked for.
func TestAccProvider_rateLimitAtScale(t *testing.T) {
	if acctest.RealLogto() {
		t.Skip("injects faults into the emulator")
	}
	t.Parallel()
	objects := envInt(t, envRateObjects, 200)
	limit := float64(envInt(t, envRateCap, 50))
	if limit <= 0 {
		t.Fatalf("%s must be positive", envRateCap)
	}
	seed := uint64(rand.Uint32())
	t.Logf("%d objects, rate_limit %.0f/s, fault seed %d", objects, limit, seed)

	e := acctest.New(t)
	idp := acctest.NewMockIdP(t)
	prefix := acctest.RandomName("rate")
	fleet := newFleet(objects, prefix)
	e.Emulator.SeedFaults(seed)
	e.Emulator.InjectFault(emulator.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1", Probability: 0.1})

	// The provider talks to a recorder in front of the emulator, which notes
	// when each request arrived and how it was answered.
	rec := &requestLog{}
	front := httptest.NewServer(rec.wrap(e.Emulator))
	t.Cleanup(front.Close)
	config := func(version string) string {
		hcl := fleet.config(e, idp, version)
		out := strings.Replace(hcl, fmt.Sprintf("endpoint        = %q", e.Endpoint), fmt.Sprintf("endpoint        = %q", front.URL), 1)
		out = strings.Replace(out, "max_retries     = 12\n", fmt.Sprintf("max_retries     = 12\n  rate_limit      = %g\n", limit), 1)
		if out == hcl || !strings.Contains(out, "rate_limit") || !strings.Contains(out, front.URL) {
			t.Fatal("the fleet's provider block changed: cannot point it at the recorder with a rate limit")
		}
		return out
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(*terraform.State) error {
			if left := fleet.ours(e.Emulator.Applications()); len(left) > 0 {
				return fmt.Errorf("%d applications left after destroy: %v", len(left), left)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config:            config("v1"),
			ConfigStateChecks: []statecheck.StateCheck{fleet.exactlyOnce(t, e, "v1")},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})

	entries := rec.entries()
	limited := 0
	for _, en := range entries {
		if en.status == http.StatusTooManyRequests {
			limited++
		}
	}
	t.Logf("%d requests through the recorder, %d answered 429; faults applied: %v", len(entries), limited, e.Emulator.FaultsApplied())
	if limited == 0 {
		t.Fatal("no request was rate limited: the test proved nothing")
	}
	if len(entries) < 2*rateWindow {
		t.Fatalf("only %d requests: too few to measure the rate over windows of %d", len(entries), rateWindow)
	}
	peak, at := peakRate(entries, rateWindow)
	span := entries[len(entries)-1].at.Sub(entries[0].at)
	t.Logf("request rate: peak %.1f/s over %d consecutive requests (from request %d), mean %.1f/s over %s; cap %.0f/s",
		peak, rateWindow, at, float64(len(entries)-1)/span.Seconds(), span.Round(time.Millisecond), limit)
	if peak > limit*1.1 {
		t.Errorf("the server saw %.1f requests/s over %d consecutive requests, above the rate_limit of %.0f (+10%%)", peak, rateWindow, limit)
	}

	waits := retryWaits(entries)
	if len(waits) == 0 {
		t.Fatal("no rate-limited request was seen again: no retry to measure")
	}
	var lost time.Duration
	for _, w := range waits {
		lost += w
	}
	sort.Slice(waits, func(i, j int) bool { return waits[i] < waits[j] })
	asked := time.Duration(len(waits)) * time.Second
	t.Logf("Retry-After asked for %s over %d retried requests; they came back after %s in total (%.2f×): min %s, median %s, max %s",
		asked, len(waits), lost.Round(time.Millisecond), float64(lost)/float64(asked),
		waits[0].Round(time.Millisecond), waits[len(waits)/2].Round(time.Millisecond), waits[len(waits)-1].Round(time.Millisecond))
}

// TestPeakRate checks the measure of TestAccProvider_rateLimitAtScale on
// arrivals at known rates: requests 20 ms apart are 50/s, and a burst in the
// middle of a slow series is found.
func TestPeakRate(t *testing.T) {
	start := time.Unix(1_700_000_000, 0)
	series := func(gaps ...time.Duration) []loggedRequest {
		out := []loggedRequest{{at: start}}
		for _, g := range gaps {
			out = append(out, loggedRequest{at: out[len(out)-1].at.Add(g)})
		}
		return out
	}
	even := make([]time.Duration, 999)
	for i := range even {
		even[i] = 20 * time.Millisecond
	}
	if got, _ := peakRate(series(even...), 200); got < 49.9 || got > 50.1 {
		t.Errorf("requests 20ms apart: peak %.2f/s, want 50", got)
	}
	// Positive control for the cap check: 300 requests 10 ms apart (100/s)
	// in the middle of the 50/s series exceed a cap of 50 + 10%.
	burst := append([]time.Duration{}, even[:400]...)
	for range 300 {
		burst = append(burst, 10*time.Millisecond)
	}
	burst = append(burst, even[:299]...)
	got, at := peakRate(series(burst...), 200)
	if got <= 55 {
		t.Errorf("a burst of 100/s was measured at %.1f/s", got)
	}
	if at < 400 || at > 600 {
		t.Errorf("the burst was found at request %d, want between 400 and 600", at)
	}
}

// TestRetryWaits pairs each 429 with the next request of the same method,
// path and body.
func TestRetryWaits(t *testing.T) {
	at := time.Unix(1_700_000_000, 0)
	log := []loggedRequest{
		{at: at, key: "GET /a", status: 429},
		{at: at.Add(100 * time.Millisecond), key: "GET /b", status: 200},
		{at: at.Add(1200 * time.Millisecond), key: "GET /a", status: 200},
		{at: at.Add(1300 * time.Millisecond), key: "POST /a x", status: 429}, // never retried
	}
	waits := retryWaits(log)
	if len(waits) != 1 || waits[0] != 1200*time.Millisecond {
		t.Errorf("waits %v, want [1.2s]", waits)
	}
}

// loggedRequest is one request the recorder saw.
type loggedRequest struct {
	at     time.Time
	key    string // method, path and query, and a hash of the body
	status int
}

// requestLog records every request before handing it on.
type requestLog struct {
	mu  sync.Mutex
	log []loggedRequest
}

func (l *requestLog) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		at := time.Now()
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		sum := sha256.Sum256(body)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		l.mu.Lock()
		defer l.mu.Unlock()
		l.log = append(l.log, loggedRequest{at: at, key: r.Method + " " + r.URL.RequestURI() + " " + fmt.Sprintf("%x", sum[:8]), status: sw.status})
	})
}

// entries returns the requests by time of arrival.
func (l *requestLog) entries() []loggedRequest {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := append([]loggedRequest(nil), l.log...)
	sort.Slice(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	return out
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// peakRate is the highest rate, in requests per second, over any window of
// window consecutive requests (sorted by arrival), and the index where that
// window starts.
func peakRate(entries []loggedRequest, window int) (float64, int) {
	best, at := 0.0, 0
	for i := 0; i+window-1 < len(entries); i++ {
		span := entries[i+window-1].at.Sub(entries[i].at).Seconds()
		if span <= 0 {
			return math.Inf(1), i
		}
		if r := float64(window-1) / span; r > best {
			best, at = r, i
		}
	}
	return best, at
}

// retryWaits returns, for each request answered 429, the time until the next
// request with the same method, path, query and body (its retry); requests
// never seen again are left out.
func retryWaits(entries []loggedRequest) []time.Duration {
	var waits []time.Duration
	for i, en := range entries {
		if en.status != http.StatusTooManyRequests {
			continue
		}
		for _, next := range entries[i+1:] {
			if next.key == en.key {
				waits = append(waits, next.at.Sub(en.at))
				break
			}
		}
	}
	return waits
}
