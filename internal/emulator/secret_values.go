package emulator

// newSecretLocked generates an application secret value (Logto's generateStandardSecret) and
// remembers it for SecretValues. The caller holds s.mu.
func (s *Server) newSecretLocked() string {
	value := newSecret()
	s.rememberSecretLocked(value)
	return value
}

// rememberSecretLocked records a secret value the emulator holds, for SecretValues. The caller
// holds s.mu.
func (s *Server) rememberSecretLocked(value string) {
	if value == "" {
		return
	}
	if s.heldSecrets == nil {
		s.heldSecrets = map[string]bool{}
	}
	if !s.heldSecrets[value] {
		s.heldSecrets[value] = true
		s.heldSecretOrder = append(s.heldSecretOrder, value)
	}
}

// SecretValues returns every application secret value the emulator holds or has held, in the
// order it first held them: secrets of deleted applications, deleted and renamed secrets
// included, and those loaded from the state file. Log tests look for each of them. The
// configured client secret (Options.ClientSecret) is not an application secret and is not
// listed.
func (s *Server) SecretValues() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]string(nil), s.heldSecretOrder...)
	// Secrets put in place without newSecretLocked (none today) are still listed.
	for _, list := range s.secrets {
		for _, secret := range list {
			if !s.heldSecrets[secret.Value] {
				out = append(out, secret.Value)
			}
		}
	}
	return out
}
