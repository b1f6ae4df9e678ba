package emulator

import "fmt"

// ssoStateFile is the part of the state file that holds the SSO connectors and the sign-in
// experience (key "sso"). Files written before these areas existed have no such key and still
// load: no connectors, Logto's default sign-in experience.
type ssoStateFile struct {
	SSOConnectors    []*ssoConnectorRecord `json:"ssoConnectors,omitempty"`
	SignInExperience *SignInExperience     `json:"signInExperience,omitempty"`
}

// loadSSOState restores the SSO connectors (in their saved order) and the sign-in experience;
// state may be nil.
func (s *Server) loadSSOState(state *ssoStateFile) error {
	if state == nil {
		return nil
	}
	for _, rec := range state.SSOConnectors {
		if rec == nil || rec.Connector.ID == "" {
			return fmt.Errorf("emulator: state file %s holds an SSO connector without id", s.opts.StateFile)
		}
		if _, known := ssoProvider(rec.Connector.ProviderName); !known {
			return fmt.Errorf("emulator: state file %s holds SSO connector %s with unknown provider %q",
				s.opts.StateFile, rec.Connector.ID, rec.Connector.ProviderName)
		}
		normalizeSSOConnector(&rec.Connector)
		s.putSSOConnectorLocked(rec.Connector)
	}
	if state.SignInExperience != nil {
		e := *state.SignInExperience
		normalizeSignInExperience(&e)
		s.sso.signInExp = &e
	}
	return nil
}

// ssoStateLocked is what the state file keeps of these areas, or nil when there is nothing to
// keep. The caller holds s.mu.
func (s *Server) ssoStateLocked() *ssoStateFile {
	if len(s.sso.connectors) == 0 && s.sso.signInExp == nil {
		return nil
	}
	out := &ssoStateFile{SSOConnectors: s.sortedSSOConnectorsLocked()}
	if s.sso.signInExp != nil {
		e := s.sso.signInExp.clone()
		out.SignInExperience = &e
	}
	return out
}
