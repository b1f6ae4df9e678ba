package emulator

import (
	"bytes"
	"io"
	"net/http"
	"sync"
	"time"
)

// Fault changes how the emulator answers matching requests, for resilience tests. A fault applies
// after the request is counted and before authentication. Its effects run in this order: Delay,
// then Drop, then Status; with neither Drop nor Status the request is then served normally (a
// pure delay).
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
	// Times is how many matching requests the fault affects; 0 means until ClearFaults.
	Times int
}

// faultSet holds the active faults in injection order; the first match wins.
type faultSet struct {
	mu     sync.Mutex
	faults []*Fault
}

// InjectFault adds a fault. Faults are checked in the order they were injected; only the first
// matching one applies to a request.
func (s *Server) InjectFault(f Fault) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.faults = append(s.faults.faults, &f)
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.faults = nil
}

// take returns a copy of the first fault matching method and pattern, using up one of its Times.
func (fs *faultSet) take(method, pattern string) (Fault, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, f := range fs.faults {
		if (f.Method != "" && f.Method != method) || (f.Route != "" && f.Route != pattern) {
			continue
		}
		applied := *f
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				fs.faults = append(fs.faults[:i:i], fs.faults[i+1:]...)
			}
		}
		return applied, true
	}
	return Fault{}, false
}

// applyFault runs a fault; it reports whether the request has been fully handled.
func applyFault(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if f.Delay > 0 {
		// net/http notices a client that hangs up (and cancels the request's
		// context) only once the body has been read, so read it first and
		// hand the handler a copy.
		if body, err := io.ReadAll(r.Body); err == nil {
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		timer := time.NewTimer(f.Delay)
		select {
		case <-timer.C:
		case <-r.Context().Done():
			timer.Stop()
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
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	code := f.Code
	if code == "" {
		code = defaultFaultCode(f.Status)
	}
	if code == "" {
		writeInternalError(w)
		return true
	}
	writeErrorMessage(w, f.Status, code, phrase(code))
	return true
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
