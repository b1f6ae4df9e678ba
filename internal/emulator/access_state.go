package emulator

// accessState is the part of the state file holding API resources, scopes, roles, users and
// their links, each list in creation order.
type accessState struct {
	Resources  []Resource `json:"resources"`
	Scopes     []Scope    `json:"scopes"`
	Roles      []Role     `json:"roles"`
	Users      []User     `json:"users"`
	RoleScopes []*link    `json:"roleScopes"`
	RoleApps   []*link    `json:"roleApplications"`
	RoleUsers  []*link    `json:"roleUsers"`
}

// saveAccessLocked copies the collections for the state file; the caller holds s.mu.
func (s *Server) saveAccessLocked() *accessState {
	st := &accessState{}
	for _, rec := range sortedRecords(s.access.resources, func(r *resourceRecord) int64 { return r.seq }, false) {
		st.Resources = append(st.Resources, rec.Resource)
	}
	for _, rec := range sortedRecords(s.access.scopes, func(r *scopeRecord) int64 { return r.seq }, false) {
		st.Scopes = append(st.Scopes, rec.Scope)
	}
	for _, rec := range sortedRecords(s.access.roles, func(r *roleRecord) int64 { return r.seq }, false) {
		st.Roles = append(st.Roles, rec.Role)
	}
	for _, rec := range sortedRecords(s.access.users, func(r *userRecord) int64 { return r.seq }, false) {
		st.Users = append(st.Users, rec.User)
	}
	seqOf := func(l *link) int64 { return l.Seq }
	st.RoleScopes = sortedRecords(s.access.roleScopes, seqOf, false)
	st.RoleApps = sortedRecords(s.access.roleApps, seqOf, false)
	st.RoleUsers = sortedRecords(s.access.roleUsers, seqOf, false)
	return st
}

// loadAccessLocked replaces the seeded collections with those of a state file; the caller
// holds s.mu. Files written before these collections existed keep the seeded ones.
func (s *Server) loadAccessLocked(st *accessState) {
	a := accessStore{
		resources: map[string]*resourceRecord{}, scopes: map[string]*scopeRecord{}, roles: map[string]*roleRecord{},
		users: map[string]*userRecord{}, roleScopes: map[string]*link{}, roleApps: map[string]*link{},
		roleUsers: map[string]*link{},
	}
	for _, res := range st.Resources {
		s.seq++
		a.resources[res.ID] = &resourceRecord{Resource: res, seq: s.seq}
	}
	for _, sc := range st.Scopes {
		s.seq++
		a.scopes[sc.ID] = &scopeRecord{Scope: sc, seq: s.seq}
	}
	for _, role := range st.Roles {
		s.seq++
		a.roles[role.ID] = &roleRecord{Role: role, seq: s.seq}
	}
	for _, u := range st.Users {
		normalizeUser(&u)
		s.seq++
		a.users[u.ID] = &userRecord{User: u, seq: s.seq}
	}
	for _, pair := range []struct {
		from []*link
		into map[string]*link
	}{{st.RoleScopes, a.roleScopes}, {st.RoleApps, a.roleApps}, {st.RoleUsers, a.roleUsers}} {
		for _, l := range pair.from {
			if l != nil {
				s.seq++
				pair.into[linkKey(l.RoleID, l.OtherID)] = &link{RoleID: l.RoleID, OtherID: l.OtherID, Seq: s.seq}
			}
		}
	}
	s.access = a
}
