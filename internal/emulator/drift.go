package emulator

import "fmt"

// Out-of-band helpers for drift tests: they change the store directly, bypassing HTTP,
// authentication, counters and faults. Changes are persisted like any other mutation.

// Application returns a copy of the application with the given id.
func (s *Server) Application(id string) (Application, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.apps[id]
	if !ok {
		return Application{}, false
	}
	return rec.App.clone(), true
}

// UpdateApplication changes an application in place: fn receives a copy, which replaces the
// stored application when fn returns (the id cannot change). It fails when the application does
// not exist or the state file cannot be written.
func (s *Server) UpdateApplication(id string, fn func(*Application)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.apps[id]
	if !ok {
		return fmt.Errorf("emulator: application %q does not exist", id)
	}
	updated := rec.App.clone()
	fn(&updated)
	updated.ID = id
	normalizeApplication(&updated)
	rec.App = updated.clone()
	return s.commitLocked()
}

// DeleteApplication removes an application and its secrets. It fails when the application does
// not exist or the state file cannot be written.
func (s *Server) DeleteApplication(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.apps[id]; !ok {
		return fmt.Errorf("emulator: application %q does not exist", id)
	}
	delete(s.apps, id)
	delete(s.secrets, id)
	s.forgetApplicationLocked(id)
	return s.commitLocked()
}

// Applications returns a copy of every application, in no particular order; resilience tests
// compare it with Terraform's state (no duplicate, no orphan).
func (s *Server) Applications() []Application {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Application, 0, len(s.apps))
	for _, rec := range s.apps {
		out = append(out, rec.App.clone())
	}
	return out
}

// ApplicationSecretNames returns the names of an application's secrets, in creation order.
func (s *Server) ApplicationSecretNames(id string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var names []string
	for _, secret := range s.secrets[id] {
		names = append(names, secret.Name)
	}
	return names
}
