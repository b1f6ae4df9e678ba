package emulator

import (
	"fmt"
	"sort"
	"strings"
)

// organizationState is the part of the state file holding organizations, the organization
// template and their relations (key "organizations"). Files written before this area existed
// have no such key and load with no organizations; a server without organizations writes none.
type organizationState struct {
	Organizations      []Organization      `json:"organizations"`
	Roles              []OrganizationRole  `json:"roles"`
	Scopes             []OrganizationScope `json:"scopes"`
	RoleScopes         []pair              `json:"roleScopes"`
	RoleResourceScopes []pair              `json:"roleResourceScopes"`
	Users              []pair              `json:"users"`
	UserRoles          []triple            `json:"userRoles"`
	Applications       []pair              `json:"applications"`
	ApplicationRoles   []triple            `json:"applicationRoles"`
	JITEmailDomains    []pair              `json:"jitEmailDomains"`
	JITRoles           []pair              `json:"jitRoles"`
	JITSSOConnectors   []pair              `json:"jitSsoConnectors"`
}

// sortedKeys returns the keys of a relation set in a stable order.
func sortedKeys[K pair | triple](set map[K]bool) []K {
	out := make([]K, 0, len(set))
	for key := range set {
		out = append(out, key)
	}
	text := func(key K) string {
		switch k := any(key).(type) {
		case pair:
			return strings.Join(k[:], "\x00")
		case triple:
			return strings.Join(k[:], "\x00")
		}
		return ""
	}
	sort.Slice(out, func(i, j int) bool { return text(out[i]) < text(out[j]) })
	return out
}

// organizationStateLocked copies the store for the state file, or nil when it is empty. The
// caller holds s.mu.
func (s *Server) organizationStateLocked() *organizationState {
	st := &s.org
	if len(st.orgs) == 0 && len(st.roles) == 0 && len(st.scopes) == 0 {
		return nil
	}
	out := &organizationState{
		RoleScopes: sortedKeys(st.roleScopes), RoleResourceScopes: sortedKeys(st.roleResourceScopes),
		Users: sortedKeys(st.users), UserRoles: sortedKeys(st.userRoles),
		Applications: sortedKeys(st.apps), ApplicationRoles: sortedKeys(st.appRoles),
		JITEmailDomains: sortedKeys(st.jitEmailDomains), JITRoles: sortedKeys(st.jitRoles),
		JITSSOConnectors: sortedKeys(st.jitSSOConnectors),
	}
	for _, o := range s.sortedOrganizationsLocked() {
		out.Organizations = append(out.Organizations, o.clone())
	}
	for _, role := range s.sortedOrganizationRolesLocked() {
		out.Roles = append(out.Roles, role.clone())
	}
	for _, sc := range s.sortedOrganizationScopesLocked() {
		out.Scopes = append(out.Scopes, sc.clone())
	}
	return out
}

// loadOrganizationState restores the store from a state file; state may be nil (an older file).
// Relation rows naming objects the file does not hold are dropped.
func (s *Server) loadOrganizationState(state *organizationState) error {
	if state == nil {
		return nil
	}
	st := organizationStore{
		orgs: map[string]*Organization{}, roles: map[string]*OrganizationRole{}, scopes: map[string]*OrganizationScope{},
	}
	for _, o := range state.Organizations {
		if o.ID == "" {
			return fmt.Errorf("emulator: state file %s holds an organization without id", s.opts.StateFile)
		}
		normalizeOrganization(&o)
		stored := o.clone()
		st.orgs[o.ID] = &stored
	}
	for _, role := range state.Roles {
		if role.ID == "" {
			return fmt.Errorf("emulator: state file %s holds an organization role without id", s.opts.StateFile)
		}
		stored := role.clone()
		st.roles[role.ID] = &stored
	}
	for _, sc := range state.Scopes {
		if sc.ID == "" {
			return fmt.Errorf("emulator: state file %s holds an organization scope without id", s.opts.StateFile)
		}
		stored := sc.clone()
		st.scopes[sc.ID] = &stored
	}
	org := func(id string) bool { return st.orgs[id] != nil }
	role := func(id string) bool { return st.roles[id] != nil }
	anything := func(string) bool { return true }
	for _, rel := range []struct {
		rows        []pair
		into        *map[pair]bool
		first, next func(string) bool
	}{
		{state.RoleScopes, &st.roleScopes, role, func(id string) bool { return st.scopes[id] != nil }},
		{state.RoleResourceScopes, &st.roleResourceScopes, role, anything},
		{state.Users, &st.users, org, anything},
		{state.Applications, &st.apps, org, anything},
		{state.JITEmailDomains, &st.jitEmailDomains, org, anything},
		{state.JITRoles, &st.jitRoles, org, role},
		{state.JITSSOConnectors, &st.jitSSOConnectors, org, anything},
	} {
		for _, p := range rel.rows {
			if rel.first(p[0]) && rel.next(p[1]) {
				addTo(rel.into, p)
			}
		}
	}
	for _, rel := range []struct {
		rows    []triple
		members map[pair]bool
		into    *map[triple]bool
	}{{state.UserRoles, st.users, &st.userRoles}, {state.ApplicationRoles, st.apps, &st.appRoles}} {
		for _, t := range rel.rows {
			if rel.members[pair{t[0], t[1]}] && role(t[2]) {
				addTo(rel.into, t)
			}
		}
	}
	s.org = st
	return nil
}
