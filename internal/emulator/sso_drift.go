package emulator

import "fmt"

// Out-of-band helpers for SSO connectors and the sign-in experience: like the application
// helpers in drift.go they change the store directly, bypassing HTTP, authentication, counters
// and faults, and are persisted like any other mutation.

// SSOConnector returns a copy of the SSO connector with the given id.
func (s *Server) SSOConnector(id string) (SSOConnector, bool) {
	return s.ssoConnectorSnapshot(id)
}

// SSOConnectors returns a copy of every SSO connector, in the order the list answers them.
func (s *Server) SSOConnectors() []SSOConnector {
	s.mu.Lock()
	defer s.mu.Unlock()
	records := s.sortedSSOConnectorsLocked()
	out := make([]SSOConnector, len(records))
	for i, rec := range records {
		out[i] = rec.Connector.clone()
	}
	return out
}

// UpdateSSOConnector changes an SSO connector in place: fn receives a copy, which replaces the
// stored connector when fn returns (the id cannot change). Nothing is validated except that the
// provider stays one of the six, so a test can store a config Logto's guard would refuse. It
// fails when the connector does not exist or the state file cannot be written.
func (s *Server) UpdateSSOConnector(id string, fn func(*SSOConnector)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.sso.connectors[id]
	if !ok {
		return fmt.Errorf("emulator: SSO connector %q does not exist", id)
	}
	updated := rec.Connector.clone()
	fn(&updated)
	if _, known := ssoProvider(updated.ProviderName); !known {
		return fmt.Errorf("emulator: unknown SSO provider %q", updated.ProviderName)
	}
	updated.ID = id
	normalizeSSOConnector(&updated)
	rec.Connector = updated.clone()
	s.sso.seq++
	rec.seq = s.sso.seq
	return s.commitLocked()
}

// DeleteSSOConnector removes an SSO connector. It fails when the connector does not exist or the
// state file cannot be written.
func (s *Server) DeleteSSOConnector(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.sso.connectors[id]; !ok {
		return fmt.Errorf("emulator: SSO connector %q does not exist", id)
	}
	delete(s.sso.connectors, id)
	s.forgetOrganizationSSOConnectorLocked(id)
	return s.commitLocked()
}

// SignInExperience returns a copy of the sign-in experience.
func (s *Server) SignInExperience() SignInExperience {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.signInExpLocked().clone()
}

// UpdateSignInExperience changes the sign-in experience: fn receives a copy, which replaces the
// stored one when fn returns (tenantId and id cannot change). Nothing is validated. It fails
// when the state file cannot be written.
func (s *Server) UpdateSignInExperience(fn func(*SignInExperience)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	current := s.signInExpLocked()
	updated := current.clone()
	fn(&updated)
	updated.TenantID = current.TenantID
	updated = updated.clone() // no memory shared with fn's caller
	*current = updated
	return s.commitLocked()
}
