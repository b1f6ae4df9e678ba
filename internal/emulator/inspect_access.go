package emulator

import "sort"

// Inspection hooks for resilience tests: they read the store directly, bypassing HTTP,
// authentication, counters and faults, so a test can compare the emulator with Terraform's state
// while faults are still injected.

// Resources returns a copy of every API resource (the built-in Management API included).
func (s *Server) Resources() []Resource {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Resource, 0, len(s.access.resources))
	for _, rec := range s.access.resources {
		out = append(out, rec.Resource)
	}
	return out
}

// ResourceScopes returns a copy of every API resource scope.
func (s *Server) ResourceScopes() []Scope {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Scope, 0, len(s.access.scopes))
	for _, rec := range s.access.scopes {
		scope := rec.Scope
		if scope.Description != nil {
			scope.Description = ptr(*scope.Description)
		}
		out = append(out, scope)
	}
	return out
}

// Roles returns a copy of every role (the built-in Management API role included).
func (s *Server) Roles() []Role {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Role, 0, len(s.access.roles))
	for _, rec := range s.access.roles {
		out = append(out, rec.Role)
	}
	return out
}

// RoleScopeIDs returns the ids of the scopes linked to a role, sorted.
func (s *Server) RoleScopeIDs(roleID string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for _, l := range s.access.roleScopes {
		if l.RoleID == roleID {
			ids = append(ids, l.OtherID)
		}
	}
	sort.Strings(ids)
	return ids
}

// UserIDsByUsername returns the ids of the users, keyed by username (users without one are
// left out); a username held twice would list two ids.
func (s *Server) UserIDsByUsername() map[string][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string][]string{}
	for _, rec := range s.access.users {
		if rec.User.Username != nil {
			out[*rec.User.Username] = append(out[*rec.User.Username], rec.User.ID)
		}
	}
	return out
}
