package emulator

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Fault changes how the emulator answers matching requests, for resilience tests.
//
// A fault applies either before the handler runs (the default) or, with After, once the handler
// has run and acted. Before faults are checked after the request is counted and before
// authentication; their effects run in this order: Delay, then Drop, then Status, and with
// neither Drop nor Status the request is then served normally (a pure delay). After faults are
// described on the After field.
//
// Faults are checked in the order they were injected. At most one fault applies to a request:
// before faults are checked first, and when one applies no after fault is considered.
type Fault struct {
	// Method matches the request method; "" matches any method.
	Method string
	// Route matches the route pattern as used by the counters, without the method, e.g.
	// "/api/applications/{id}" or "/oidc/token"; "" matches any request, unmatched ones included.
	Route string
	// Status, when not 0, is the status code to answer with instead of serving the request.
	Status int
	// Code is the Logto error code of the answer's body. When empty it depends on Status:
	// 400 request.general, 401 auth.unauthorized, 403 auth.forbidden, 404 entity.not_found,
	// 429 request.rate_limited, 500 none (body {"message":"Internal server error."}, as Logto
	// answers unexpected errors), anything else request.general. The message is Logto's phrase
	// for the code when the emulator knows it, else "Request error occurred.".
	Code string
	// RetryAfter, when set, is sent as the Retry-After header with a status fault.
	RetryAfter string
	// Delay is slept before answering; a cancelled request stops waiting and gets no answer.
	Delay time.Duration
	// Drop closes the connection without writing any response.
	Drop bool
	// Times is how many requests the fault applies to; 0 means until ClearFaults. Requests that
	// match but are not affected (a failed Probability draw, an After fault on a request that
	// never reached its handler) do not count.
	Times int
	// After makes the fault apply once the handler has run and acted (object created, changed,
	// deleted): the handler writes into a buffer; then Delay is slept (a client that hangs up
	// gets nothing), then Drop closes the connection without any answer, or Status replaces the
	// answer (status, Logto error body for Code as before, Retry-After); with neither Drop nor
	// Status the buffered real answer is written after the delay.
	//
	// An After fault applies only to requests that reached a route's handler: not to unmatched
	// routes (404/405) and not to Management API requests that failed authentication, since
	// nothing happened that an answer could be lost for.
	After bool
	// Probability, when in (0,1), applies the fault to each matching request with that
	// probability, drawn from the server's fault random source (see SeedFaults); 0 or >= 1 means
	// every matching request. A request for which the draw fails is not affected by this fault
	// and the next matching fault is considered.
	Probability float64
}

// kind names what a fault does, for FaultsApplied: "before drop", "after status 502",
// "before delay" (a fault with neither Drop nor Status) and so on.
func (f Fault) kind() string {
	phase := "before"
	if f.After {
		phase = "after"
	}
	switch {
	case f.Drop:
		return phase + " drop"
	case f.Status != 0:
		return phase + " status " + strconv.Itoa(f.Status)
	default:
		return phase + " delay"
	}
}

// faultSet holds the active faults in injection order, the random source of probabilistic
// faults and how often faults were applied. mu guards every field.
type faultSet struct {
	mu      sync.Mutex
	faults  []*Fault
	rng     *rand.Rand
	applied map[string]int
}

// InjectFault adds a fault. Faults are checked in the order they were injected; at most one
// applies to a request (see Fault).
func (s *Server) InjectFault(f Fault) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.faults = append(s.faults.faults, &f)
}

// ClearFaults removes every fault. The FaultsApplied counts and the random source are kept.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.faults = nil
}

// SeedFaults makes the fault random source deterministic (repeatable runs): two servers seeded
// alike and sent the same sequence of requests apply probabilistic faults to the same requests.
// The default seed is random.
func (s *Server) SeedFaults(seed uint64) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) //nolint:gosec // test fault injection, not security
}

// FaultsApplied returns how many times faults were applied, keyed by phase and kind: "before
// drop", "before status 503", "before delay", "after drop", "after status 502", "after delay"…
// Each application counts once, under its fault's kind: Drop if set, else Status, else
// "delay" (whatever the Delay, zero included). Only kinds actually applied have a key. The
// map is a copy.
func (s *Server) FaultsApplied() map[string]int {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	out := make(map[string]int, len(s.faults.applied))
	for k, v := range s.faults.applied {
		out[k] = v
	}
	return out
}

// take returns a copy of the first fault of the given phase that matches method and pattern
// and whose probability draw succeeds, using up one of its Times and counting it as applied.
func (fs *faultSet) take(method, pattern string, after bool) (Fault, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, f := range fs.faults {
		if f.After != after || (f.Method != "" && f.Method != method) || (f.Route != "" && f.Route != pattern) {
			continue
		}
		if f.Probability > 0 && f.Probability < 1 && fs.random().Float64() >= f.Probability {
			continue
		}
		applied := *f
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				fs.faults = append(fs.faults[:i:i], fs.faults[i+1:]...)
			}
		}
		if fs.applied == nil {
			fs.applied = map[string]int{}
		}
		fs.applied[applied.kind()]++
		return applied, true
	}
	return Fault{}, false
}

// random returns the random source, seeding it randomly on first use. The caller holds fs.mu.
func (fs *faultSet) random() *rand.Rand {
	if fs.rng == nil {
		fs.rng = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())) //nolint:gosec // test fault injection, not security
	}
	return fs.rng
}

// applyFault runs a before fault; it reports whether the request has been fully handled.
func applyFault(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if f.Delay > 0 {
		// net/http notices a client that hangs up (and cancels the request's
		// context) only once the body has been read, so read it first and
		// hand the handler a copy.
		if body, err := io.ReadAll(r.Body); err == nil {
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		if !sleep(r, f.Delay) {
			return true
		}
	}
	if f.Drop {
		dropConnection(w)
		return true
	}
	if f.Status == 0 {
		return false
	}
	writeFaultStatus(w, f)
	return true
}

// sleep waits for d; it returns false when the request was cancelled first.
func sleep(r *http.Request, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// writeFaultStatus answers a status fault: Retry-After when set, and Logto's error body for the
// fault's code.
func writeFaultStatus(w http.ResponseWriter, f Fault) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	code := f.Code
	if code == "" {
		code = defaultFaultCode(f.Status)
	}
	if code == "" {
		writeInternalError(w)
		return
	}
	writeErrorMessage(w, f.Status, code, phrase(code))
}

func defaultFaultCode(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return "auth.unauthorized"
	case http.StatusForbidden:
		return "auth.forbidden"
	case http.StatusNotFound:
		return "entity.not_found"
	case http.StatusTooManyRequests:
		return "request.rate_limited"
	case http.StatusInternalServerError:
		return ""
	default:
		return "request.general"
	}
}

// dropConnection closes the client connection without a response. It hijacks the connection
// when it can, and otherwise aborts the handler, which makes net/http close the stream.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}
