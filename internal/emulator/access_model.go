package emulator

import "sort"

// The store of API resources, scopes, roles, users and their links. Every map is guarded by
// Server.mu, like the applications.

// Ids and texts of what a fresh Logto seeds (packages/schemas/src/seeds).
const (
	managementResourceID    = "management-api"
	managementResourceName  = "Logto Management API"
	managementScopeID       = "management-api-all"
	managementScopeName     = "all"
	managementScopeDesc     = "Default scope for Management API, allows all permissions."
	managementRoleName      = "Logto Management API access"
	managementRoleDesc      = "This default role grants access to the Logto management API."
	roleTypeUser            = "User"
	roleTypeM2M             = "MachineToMachine"
	defaultAccessTokenTTL   = 3600
	resourceTable           = "resources"
	scopeTable              = "scopes"
	roleTable               = "roles"
	userTable               = "users"
	applicationTable        = "applications"
	constraintViolationCode = "entity.db_constraint_violated"
)

// roleTypes are the values of a role's type.
var roleTypes = []string{roleTypeUser, roleTypeM2M}

// Resource is an API resource as the Management API returns it.
type Resource struct {
	// TenantID is the tenant; "default" on self-hosted Logto.
	TenantID string `json:"tenantId"`
	// ID is the server-generated id.
	ID string `json:"id"`
	// Name is the display name.
	Name string `json:"name"`
	// Indicator is the resource indicator (unique; any non-empty string).
	Indicator string `json:"indicator"`
	// IsDefault marks the tenant's default API resource (at most one).
	IsDefault bool `json:"isDefault"`
	// AccessTokenTTL is the access token lifetime in seconds.
	AccessTokenTTL float64 `json:"accessTokenTtl"`
}

// Scope is a permission of an API resource.
type Scope struct {
	// TenantID is the tenant.
	TenantID string `json:"tenantId"`
	// ID is the server-generated id.
	ID string `json:"id"`
	// ResourceID is the API resource the scope belongs to.
	ResourceID string `json:"resourceId"`
	// Name is unique within the resource and holds no spaces.
	Name string `json:"name"`
	// Description is optional; null when not set.
	Description *string `json:"description"`
	// CreatedAt is the creation time in milliseconds since the Unix epoch.
	CreatedAt int64 `json:"createdAt"`
}

// Role is a role (User or MachineToMachine).
type Role struct {
	// TenantID is the tenant.
	TenantID string `json:"tenantId"`
	// ID is the server-generated id.
	ID string `json:"id"`
	// Name is unique in the tenant.
	Name string `json:"name"`
	// Description is required.
	Description string `json:"description"`
	// Type is User or MachineToMachine; it cannot change.
	Type string `json:"type"`
	// IsDefault makes Logto give the role to new users.
	IsDefault bool `json:"isDefault"`
}

// resourceRecord is a stored resource with its insertion order.
type resourceRecord struct {
	Resource Resource `json:"resource"`
	seq      int64
}

// roleRecord is a stored role with its insertion order.
type roleRecord struct {
	Role Role `json:"role"`
	seq  int64
}

// scopeRecord is a stored scope with its insertion order.
type scopeRecord struct {
	Scope Scope `json:"scope"`
	seq   int64
}

// link ties a role to a scope, application or user; Seq orders links by creation.
type link struct {
	RoleID  string `json:"roleId"`
	OtherID string `json:"otherId"`
	Seq     int64  `json:"seq"`
}

// accessStore holds the collections of this file. The zero value is not usable: New calls
// newAccessStore.
type accessStore struct {
	resources map[string]*resourceRecord
	scopes    map[string]*scopeRecord
	roles     map[string]*roleRecord
	users     map[string]*userRecord
	// roleScopes, roleApps and roleUsers map "roleID\x00otherID" to the link.
	roleScopes map[string]*link
	roleApps   map[string]*link
	roleUsers  map[string]*link
}

// newAccessStore seeds what a fresh Logto holds: the Management API resource with its scope
// "all", the "Logto Management API access" role holding it, and the configured client holding
// that role (as the machine-to-machine application a provider uses does).
func newAccessStore(opts Options, seq *int64, now int64) accessStore {
	st := accessStore{
		resources: map[string]*resourceRecord{}, scopes: map[string]*scopeRecord{}, roles: map[string]*roleRecord{},
		users: map[string]*userRecord{}, roleScopes: map[string]*link{}, roleApps: map[string]*link{},
		roleUsers: map[string]*link{},
	}
	*seq++
	st.resources[managementResourceID] = &resourceRecord{seq: *seq, Resource: Resource{
		TenantID: defaultTenantID, ID: managementResourceID, Name: managementResourceName,
		Indicator: opts.Resource, AccessTokenTTL: defaultAccessTokenTTL,
	}}
	*seq++
	st.scopes[managementScopeID] = &scopeRecord{seq: *seq, Scope: Scope{
		TenantID: defaultTenantID, ID: managementScopeID, ResourceID: managementResourceID,
		Name: managementScopeName, Description: ptr(managementScopeDesc), CreatedAt: now,
	}}
	roleID := newID()
	*seq++
	st.roles[roleID] = &roleRecord{seq: *seq, Role: Role{
		TenantID: defaultTenantID, ID: roleID, Name: managementRoleName, Description: managementRoleDesc,
		Type: roleTypeM2M,
	}}
	st.addLink(st.roleScopes, roleID, managementScopeID, seq)
	st.addLink(st.roleApps, roleID, opts.ClientID, seq)
	return st
}

func linkKey(roleID, otherID string) string { return roleID + "\x00" + otherID }

// addLink adds a link unless it exists; it reports whether it was added.
func (st *accessStore) addLink(links map[string]*link, roleID, otherID string, seq *int64) bool {
	key := linkKey(roleID, otherID)
	if links[key] != nil {
		return false
	}
	*seq++
	links[key] = &link{RoleID: roleID, OtherID: otherID, Seq: *seq}
	return true
}

// linksOf returns the links of one role (byRole) or of one other object, oldest first.
func linksOf(links map[string]*link, id string, byRole bool) []*link {
	var out []*link
	for _, l := range links {
		if (byRole && l.RoleID == id) || (!byRole && l.OtherID == id) {
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

// dropLinks removes every link of one role (byRole) or of one other object.
func dropLinks(links map[string]*link, id string, byRole bool) {
	for key, l := range links {
		if (byRole && l.RoleID == id) || (!byRole && l.OtherID == id) {
			delete(links, key)
		}
	}
}

// forgetApplicationLocked removes an application's role links; the caller holds s.mu.
func (s *Server) forgetApplicationLocked(id string) {
	dropLinks(s.access.roleApps, id, false)
	s.forgetOrganizationApplicationLocked(id)
}

// sortedRecords returns values sorted by seq (ascending, or descending when newestFirst).
func sortedRecords[T any](m map[string]*T, seqOf func(*T) int64, newestFirst bool) []*T {
	out := make([]*T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool {
		if newestFirst {
			return seqOf(out[i]) > seqOf(out[j])
		}
		return seqOf(out[i]) < seqOf(out[j])
	})
	return out
}
