package emulator

import "fmt"

// Out-of-band helpers for organizations: like the application helpers in drift.go they change
// the store directly, bypassing HTTP, authentication, counters and faults, and are persisted
// like any other mutation. Deletions cascade as Logto's foreign keys do.

// OrganizationJIT is an organization's just-in-time provisioning: email domains, organization
// role ids and SSO connector ids, each sorted as Logto lists them.
type OrganizationJIT struct {
	// EmailDomains are the email domains whose users join the organization.
	EmailDomains []string
	// OrganizationRoleIDs are the roles given to members provisioned just in time.
	OrganizationRoleIDs []string
	// SSOConnectorIDs are the enterprise SSO connectors whose users join the organization.
	SSOConnectorIDs []string
}

// Organization returns a copy of the organization with the given id.
func (s *Server) Organization(id string) (Organization, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.org.orgs[id]
	if !ok {
		return Organization{}, false
	}
	return o.clone(), true
}

// Organizations returns a copy of every organization, by id.
func (s *Server) Organizations() []Organization {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []Organization{}
	for _, o := range s.sortedOrganizationsLocked() {
		out = append(out, o.clone())
	}
	return out
}

// UpdateOrganization changes an organization in place: fn receives a copy, which replaces the
// stored organization when fn returns (the id cannot change). Nothing is validated. It fails when
// the organization does not exist or the state file cannot be written.
func (s *Server) UpdateOrganization(id string, fn func(*Organization)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.org.orgs[id]
	if !ok {
		return fmt.Errorf("emulator: organization %q does not exist", id)
	}
	updated := o.clone()
	fn(&updated)
	updated.ID = id
	normalizeOrganization(&updated)
	*o = updated.clone()
	return s.commitLocked()
}

// DeleteOrganization removes an organization with its members, roles and just-in-time
// settings. It fails when the organization does not exist or the state file cannot be written.
func (s *Server) DeleteOrganization(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.org.orgs[id] == nil {
		return fmt.Errorf("emulator: organization %q does not exist", id)
	}
	s.forgetOrganizationLocked(id)
	return s.commitLocked()
}

// OrganizationRoles returns a copy of every organization role, by name.
func (s *Server) OrganizationRoles() []OrganizationRole {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []OrganizationRole{}
	for _, role := range s.sortedOrganizationRolesLocked() {
		out = append(out, role.clone())
	}
	return out
}

// UpdateOrganizationRole changes an organization role in place (not its id); nothing is
// validated. It fails when the role does not exist or the state file cannot be written.
func (s *Server) UpdateOrganizationRole(id string, fn func(*OrganizationRole)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	role, ok := s.org.roles[id]
	if !ok {
		return fmt.Errorf("emulator: organization role %q does not exist", id)
	}
	updated := role.clone()
	fn(&updated)
	updated.ID = id
	*role = updated.clone()
	return s.commitLocked()
}

// DeleteOrganizationRole removes an organization role and every assignment of it. It fails when
// the role does not exist or the state file cannot be written.
func (s *Server) DeleteOrganizationRole(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.org.roles[id] == nil {
		return fmt.Errorf("emulator: organization role %q does not exist", id)
	}
	s.forgetOrganizationRoleLocked(id)
	return s.commitLocked()
}

// OrganizationRoleScopes returns the organization scope ids and API resource scope ids of an
// organization role, each sorted.
func (s *Server) OrganizationRoleScopes(roleID string) (scopeIDs, resourceScopeIDs []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return secondsOf(s.org.roleScopes, roleID), secondsOf(s.org.roleResourceScopes, roleID)
}

// SetOrganizationRoleScopes replaces the scopes of an organization role. It fails when the
// role or a scope does not exist, or the state file cannot be written.
func (s *Server) SetOrganizationRoleScopes(roleID string, scopeIDs, resourceScopeIDs []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.org.roles[roleID] == nil {
		return fmt.Errorf("emulator: organization role %q does not exist", roleID)
	}
	for _, id := range scopeIDs {
		if s.org.scopes[id] == nil {
			return fmt.Errorf("emulator: organization scope %q does not exist", id)
		}
	}
	for _, id := range resourceScopeIDs {
		if s.access.scopes[id] == nil {
			return fmt.Errorf("emulator: API resource scope %q does not exist", id)
		}
	}
	mine := func(p pair) bool { return p[0] == roleID }
	dropWhere(s.org.roleScopes, mine)
	dropWhere(s.org.roleResourceScopes, mine)
	for _, id := range scopeIDs {
		addTo(&s.org.roleScopes, pair{roleID, id})
	}
	for _, id := range resourceScopeIDs {
		addTo(&s.org.roleResourceScopes, pair{roleID, id})
	}
	return s.commitLocked()
}

// OrganizationScopes returns a copy of every organization scope, by name.
func (s *Server) OrganizationScopes() []OrganizationScope {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []OrganizationScope{}
	for _, sc := range s.sortedOrganizationScopesLocked() {
		out = append(out, sc.clone())
	}
	return out
}

// UpdateOrganizationScope changes an organization scope in place (not its id); nothing is
// validated. It fails when the scope does not exist or the state file cannot be written.
func (s *Server) UpdateOrganizationScope(id string, fn func(*OrganizationScope)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.org.scopes[id]
	if !ok {
		return fmt.Errorf("emulator: organization scope %q does not exist", id)
	}
	updated := sc.clone()
	fn(&updated)
	updated.ID = id
	*sc = updated.clone()
	return s.commitLocked()
}

// DeleteOrganizationScope removes an organization scope from the template and from every role.
// It fails when the scope does not exist or the state file cannot be written.
func (s *Server) DeleteOrganizationScope(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.org.scopes[id] == nil {
		return fmt.Errorf("emulator: organization scope %q does not exist", id)
	}
	s.forgetOrganizationScopeLocked(id)
	return s.commitLocked()
}

// OrganizationMembers returns the users of an organization, each with its organization role ids
// (sorted).
func (s *Server) OrganizationMembers(orgID string) map[string][]string {
	return s.organizationMembers(userMembers, orgID)
}

// OrganizationApplications returns the applications of an organization, each with its
// organization role ids (sorted).
func (s *Server) OrganizationApplications(orgID string) map[string][]string {
	return s.organizationMembers(applicationMembers, orgID)
}

func (s *Server) organizationMembers(k memberKind, orgID string) map[string][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	members, roles := s.memberSets(k)
	out := map[string][]string{}
	for _, id := range secondsOf(*members, orgID) {
		out[id] = append([]string{}, rolesOf(*roles, orgID, id)...)
	}
	return out
}

// SetOrganizationMember makes a user a member of an organization (if it is not one) with exactly
// the given organization roles. Role types are not checked. It fails when the organization, the
// user or a role does not exist, or the state file cannot be written.
func (s *Server) SetOrganizationMember(orgID, userID string, roleIDs []string) error {
	return s.setOrganizationMember(userMembers, orgID, userID, roleIDs)
}

// SetOrganizationApplication makes an application a member of an organization (if it is not one)
// with exactly the given organization roles. Neither the application's nor the roles' types are
// checked. It fails when the organization, the application or a role does not exist, or the
// state file cannot be written.
func (s *Server) SetOrganizationApplication(orgID, appID string, roleIDs []string) error {
	return s.setOrganizationMember(applicationMembers, orgID, appID, roleIDs)
}

func (s *Server) setOrganizationMember(k memberKind, orgID, memberID string, roleIDs []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.org.orgs[orgID] == nil {
		return fmt.Errorf("emulator: organization %q does not exist", orgID)
	}
	exists := s.userExistsLocked
	if k == applicationMembers {
		exists = s.applicationExistsLocked
	}
	if !exists(memberID) {
		return fmt.Errorf("emulator: %s %q does not exist", k.collection(), memberID)
	}
	for _, id := range roleIDs {
		if s.org.roles[id] == nil {
			return fmt.Errorf("emulator: organization role %q does not exist", id)
		}
	}
	members, roles := s.memberSets(k)
	addTo(members, pair{orgID, memberID})
	dropWhere(*roles, func(t triple) bool { return t[0] == orgID && t[1] == memberID })
	for _, id := range roleIDs {
		addTo(roles, triple{orgID, memberID, id})
	}
	return s.commitLocked()
}

// RemoveOrganizationMember removes a user (with its roles) from an organization. It fails when
// the user is not a member or the state file cannot be written.
func (s *Server) RemoveOrganizationMember(orgID, userID string) error {
	return s.removeOrganizationMember(userMembers, orgID, userID)
}

// RemoveOrganizationApplication removes an application (with its roles) from an organization.
// It fails when the application is not a member or the state file cannot be written.
func (s *Server) RemoveOrganizationApplication(orgID, appID string) error {
	return s.removeOrganizationMember(applicationMembers, orgID, appID)
}

func (s *Server) removeOrganizationMember(k memberKind, orgID, memberID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	members, roles := s.memberSets(k)
	if !(*members)[pair{orgID, memberID}] {
		return fmt.Errorf("emulator: %s %q is not in organization %q", k.collection(), memberID, orgID)
	}
	delete(*members, pair{orgID, memberID})
	dropWhere(*roles, func(t triple) bool { return t[0] == orgID && t[1] == memberID })
	return s.commitLocked()
}

// OrganizationJITSettings returns an organization's just-in-time provisioning (empty lists for
// an organization without any, or one that does not exist).
func (s *Server) OrganizationJITSettings(orgID string) OrganizationJIT {
	s.mu.Lock()
	defer s.mu.Unlock()
	return OrganizationJIT{
		EmailDomains:        append([]string{}, secondsOf(s.org.jitEmailDomains, orgID)...),
		OrganizationRoleIDs: append([]string{}, secondsOf(s.org.jitRoles, orgID)...),
		SSOConnectorIDs:     append([]string{}, secondsOf(s.org.jitSSOConnectors, orgID)...),
	}
}

// SetOrganizationJITSettings replaces an organization's just-in-time provisioning (all three
// lists; duplicates collapse, domains are not validated). It fails when the organization, a
// role or an SSO connector does not exist, or the state file cannot be written.
func (s *Server) SetOrganizationJITSettings(orgID string, jit OrganizationJIT) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.org.orgs[orgID] == nil {
		return fmt.Errorf("emulator: organization %q does not exist", orgID)
	}
	for _, id := range jit.OrganizationRoleIDs {
		if s.org.roles[id] == nil {
			return fmt.Errorf("emulator: organization role %q does not exist", id)
		}
	}
	for _, id := range jit.SSOConnectorIDs {
		if s.sso.connectors[id] == nil {
			return fmt.Errorf("emulator: SSO connector %q does not exist", id)
		}
	}
	for _, set := range []struct {
		into   *map[pair]bool
		values []string
	}{
		{&s.org.jitEmailDomains, jit.EmailDomains}, {&s.org.jitRoles, jit.OrganizationRoleIDs},
		{&s.org.jitSSOConnectors, jit.SSOConnectorIDs},
	} {
		dropWhere(*set.into, func(p pair) bool { return p[0] == orgID })
		for _, v := range set.values {
			addTo(set.into, pair{orgID, v})
		}
	}
	return s.commitLocked()
}
