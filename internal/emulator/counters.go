package emulator

import "sync"

// counters counts requests per route key ("METHOD pattern").
type counters struct {
	mu     sync.Mutex
	counts map[string]int
}

func (c *counters) inc(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts == nil {
		c.counts = map[string]int{}
	}
	c.counts[key]++
}

// Requests returns how many requests reached route, a key such as "GET /api/applications/{id}"
// or "POST /oidc/token" ("METHOD <unmatched>" for requests no route matched). Every request
// counts, including rejected, faulted and unauthenticated ones.
func (s *Server) Requests(route string) int {
	s.counters.mu.Lock()
	defer s.counters.mu.Unlock()
	return s.counters.counts[route]
}

// RequestCounts returns a copy of all counters, keyed like Requests.
func (s *Server) RequestCounts() map[string]int {
	s.counters.mu.Lock()
	defer s.counters.mu.Unlock()
	out := make(map[string]int, len(s.counters.counts))
	for k, v := range s.counters.counts {
		out[k] = v
	}
	return out
}

// ResetRequestCounts sets every counter back to zero.
func (s *Server) ResetRequestCounts() {
	s.counters.mu.Lock()
	defer s.counters.mu.Unlock()
	s.counters.counts = map[string]int{}
}
