package emulator

import (
	"fmt"
	"net/http"
	"sort"
)

// The organization store: organizations, the organization template (roles and scopes) and the
// relation tables that tie them to users, applications, API resource scopes, email domains and
// SSO connectors. Every collection is guarded by Server.mu; the zero value is ready to use.
//
// Logto keeps each relation in its own table, with foreign keys that cascade when a referenced
// row is deleted; the emulator keeps each as a set of id tuples, in the column order of Logto's
// table, and drops tuples where Logto's cascades would.

const (
	organizationTable      = "organizations"
	organizationScopeTable = "organization_scopes"
	// Logto's answers to database errors on organization routes (packages/core/src/routes/
	// organization/utils.ts and the Slonik error handler).
	uniqueViolationCode = "entity.unique_integrity_violation"
	foreignKeyCode      = "entity.relation_foreign_key_not_found"
	// idColumnLength is the width of Logto's id columns (varchar(21)); longer ids fail before
	// any other check with 422 entity.value_too_long.
	idColumnLength = 21
	// ssoConnectorIDLength and emailDomainLength are the widths of those relation columns.
	ssoConnectorIDLength = 128
	emailDomainLength    = 128
)

// Organization is an organization as the Management API returns it. Field order and JSON names
// match Logto's answers.
type Organization struct {
	// TenantID is the tenant; "default" on self-hosted Logto.
	TenantID string `json:"tenantId"`
	// ID is the server-generated id: 12 lowercase letters and digits.
	ID string `json:"id"`
	// Name is the display name (1–128 characters; not unique).
	Name string `json:"name"`
	// Description is optional (up to 256 characters); null when not set.
	Description *string `json:"description"`
	// CustomData is free-form JSON; PATCH replaces it whole.
	CustomData JSONObject `json:"customData"`
	// IsMfaRequired asks members to set up multi-factor authentication.
	IsMfaRequired bool `json:"isMfaRequired"`
	// Color is the organization's branding colors; PATCH replaces it whole.
	Color OrganizationColor `json:"color"`
	// Branding holds the organization's logos and favicons; PATCH replaces it whole.
	Branding OrganizationBranding `json:"branding"`
	// CustomCSS is CSS for the sign-in page; null when not set.
	CustomCSS *string `json:"customCss"`
	// CreatedAt is the creation time in milliseconds since the Unix epoch.
	CreatedAt int64 `json:"createdAt"`
}

// OrganizationColor is an organization's color: every key optional (Logto's partialColorGuard),
// answered in the guard's key order; nil fields are absent from the JSON.
type OrganizationColor struct {
	// PrimaryColor is a hex color (#abc or #aabbcc).
	PrimaryColor *string `json:"primaryColor,omitempty"`
	// IsDarkModeEnabled turns the dark theme on.
	IsDarkModeEnabled *bool `json:"isDarkModeEnabled,omitempty"`
	// DarkPrimaryColor is a hex color for the dark theme.
	DarkPrimaryColor *string `json:"darkPrimaryColor,omitempty"`
}

// OrganizationBranding is an organization's branding: every key an optional URL (Logto's
// brandingGuard, shared with the sign-in experience); nil fields are absent from the JSON.
type OrganizationBranding struct {
	// LogoURL is the logo for the light theme.
	LogoURL *string `json:"logoUrl,omitempty"`
	// DarkLogoURL is the logo for the dark theme.
	DarkLogoURL *string `json:"darkLogoUrl,omitempty"`
	// Favicon is the favicon for the light theme.
	Favicon *string `json:"favicon,omitempty"`
	// DarkFavicon is the favicon for the dark theme.
	DarkFavicon *string `json:"darkFavicon,omitempty"`
}

// OrganizationRole is a role of the organization template.
type OrganizationRole struct {
	// TenantID is the tenant.
	TenantID string `json:"tenantId"`
	// ID is the server-generated id: 21 lowercase letters and digits.
	ID string `json:"id"`
	// Name is unique in the template (1–128 characters).
	Name string `json:"name"`
	// Description is optional; null when not set.
	Description *string `json:"description"`
	// Type is User or MachineToMachine.
	Type string `json:"type"`
}

// OrganizationScope is a permission of the organization template.
type OrganizationScope struct {
	// TenantID is the tenant.
	TenantID string `json:"tenantId"`
	// ID is the server-generated id: 21 lowercase letters and digits.
	ID string `json:"id"`
	// Name is unique in the template (1–128 characters).
	Name string `json:"name"`
	// Description is optional; null when not set.
	Description *string `json:"description"`
}

// pair is a row of a two-column relation table, columns in Logto's order.
type pair [2]string

// triple is a row of a three-column relation table: organization, member (user or
// application), organization role.
type triple [3]string

// organizationStore holds the organizations and everything tied to them.
type organizationStore struct {
	orgs   map[string]*Organization
	roles  map[string]*OrganizationRole
	scopes map[string]*OrganizationScope

	roleScopes         map[pair]bool // organization role, organization scope
	roleResourceScopes map[pair]bool // organization role, API resource scope
	users              map[pair]bool // organization, user
	userRoles          map[triple]bool
	apps               map[pair]bool // organization, application
	appRoles           map[triple]bool
	jitEmailDomains    map[pair]bool // organization, email domain
	jitRoles           map[pair]bool // organization, organization role
	jitSSOConnectors   map[pair]bool // organization, SSO connector
}

// addTo adds a key to a set, creating the set on first use.
func addTo[K comparable](set *map[K]bool, key K) {
	if *set == nil {
		*set = map[K]bool{}
	}
	(*set)[key] = true
}

// dropWhere removes the keys of a set that match.
func dropWhere[K comparable](set map[K]bool, match func(K) bool) {
	for key := range set {
		if match(key) {
			delete(set, key)
		}
	}
}

// secondsOf returns the second column of the pairs whose first column is first, sorted
// bytewise (Logto's relation lists come back in the order of the related table's primary key).
func secondsOf(set map[pair]bool, first string) []string {
	var out []string
	for p := range set {
		if p[0] == first {
			out = append(out, p[1])
		}
	}
	sort.Strings(out)
	return out
}

// firstsOf returns the first column of the pairs whose second column is second, sorted.
func firstsOf(set map[pair]bool, second string) []string {
	var out []string
	for p := range set {
		if p[1] == second {
			out = append(out, p[0])
		}
	}
	sort.Strings(out)
	return out
}

// rolesOf returns the organization roles of one member of one organization, sorted by id.
func rolesOf(set map[triple]bool, orgID, memberID string) []string {
	var out []string
	for t := range set {
		if t[0] == orgID && t[1] == memberID {
			out = append(out, t[2])
		}
	}
	sort.Strings(out)
	return out
}

func (o Organization) clone() Organization {
	o.Description = clonePtr(o.Description)
	o.CustomData = JSONObject(cloneObject(o.CustomData))
	o.Color = OrganizationColor{
		PrimaryColor: clonePtr(o.Color.PrimaryColor), IsDarkModeEnabled: clonePtr(o.Color.IsDarkModeEnabled),
		DarkPrimaryColor: clonePtr(o.Color.DarkPrimaryColor),
	}
	o.Branding = OrganizationBranding{
		LogoURL: clonePtr(o.Branding.LogoURL), DarkLogoURL: clonePtr(o.Branding.DarkLogoURL),
		Favicon: clonePtr(o.Branding.Favicon), DarkFavicon: clonePtr(o.Branding.DarkFavicon),
	}
	o.CustomCSS = clonePtr(o.CustomCSS)
	return o
}

func (r OrganizationRole) clone() OrganizationRole {
	r.Description = clonePtr(r.Description)
	return r
}

func (sc OrganizationScope) clone() OrganizationScope {
	sc.Description = clonePtr(sc.Description)
	return sc
}

// normalizeOrganization restores the non-null defaults JSON may have lost.
func normalizeOrganization(o *Organization) {
	if o.CustomData == nil {
		o.CustomData = JSONObject{}
	}
	if o.TenantID == "" {
		o.TenantID = defaultTenantID
	}
}

// sortedOrganizationsLocked returns every organization sorted by id: Logto lists them without
// ORDER BY, and a real Logto 1.42 answers them in id order (its (tenant_id, id) index).
func (s *Server) sortedOrganizationsLocked() []*Organization {
	out := make([]*Organization, 0, len(s.org.orgs))
	for _, o := range s.org.orgs {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// forgetOrganizationLocked deletes an organization and, like Logto's cascades, every relation
// row that names it.
func (s *Server) forgetOrganizationLocked(id string) {
	st := &s.org
	delete(st.orgs, id)
	first := func(p pair) bool { return p[0] == id }
	dropWhere(st.users, first)
	dropWhere(st.apps, first)
	dropWhere(st.jitEmailDomains, first)
	dropWhere(st.jitRoles, first)
	dropWhere(st.jitSSOConnectors, first)
	byOrg := func(t triple) bool { return t[0] == id }
	dropWhere(st.userRoles, byOrg)
	dropWhere(st.appRoles, byOrg)
}

// forgetOrganizationRoleLocked deletes an organization role and its relation rows.
func (s *Server) forgetOrganizationRoleLocked(id string) {
	st := &s.org
	delete(st.roles, id)
	dropWhere(st.roleScopes, func(p pair) bool { return p[0] == id })
	dropWhere(st.roleResourceScopes, func(p pair) bool { return p[0] == id })
	dropWhere(st.jitRoles, func(p pair) bool { return p[1] == id })
	byRole := func(t triple) bool { return t[2] == id }
	dropWhere(st.userRoles, byRole)
	dropWhere(st.appRoles, byRole)
}

// forgetOrganizationScopeLocked deletes an organization scope and its role links.
func (s *Server) forgetOrganizationScopeLocked(id string) {
	delete(s.org.scopes, id)
	dropWhere(s.org.roleScopes, func(p pair) bool { return p[1] == id })
}

// forgetOrganizationUserLocked drops a deleted user's memberships and organization roles; the
// users area calls it when a user is deleted. The caller holds s.mu.
func (s *Server) forgetOrganizationUserLocked(userID string) {
	dropWhere(s.org.users, func(p pair) bool { return p[1] == userID })
	dropWhere(s.org.userRoles, func(t triple) bool { return t[1] == userID })
}

// forgetOrganizationApplicationLocked drops a deleted application's memberships and
// organization roles; the applications area calls it when an application is deleted. The
// caller holds s.mu.
func (s *Server) forgetOrganizationApplicationLocked(appID string) {
	dropWhere(s.org.apps, func(p pair) bool { return p[1] == appID })
	dropWhere(s.org.appRoles, func(t triple) bool { return t[1] == appID })
}

// forgetOrganizationResourceScopeLocked drops the organization role links of a deleted API
// resource scope; the resources area calls it when a scope (or its resource) is deleted. The
// caller holds s.mu.
func (s *Server) forgetOrganizationResourceScopeLocked(scopeID string) {
	dropWhere(s.org.roleResourceScopes, func(p pair) bool { return p[1] == scopeID })
}

// forgetOrganizationSSOConnectorLocked drops the just-in-time links of a deleted SSO connector;
// the SSO connector area calls it when a connector is deleted. The caller holds s.mu.
func (s *Server) forgetOrganizationSSOConnectorLocked(connectorID string) {
	dropWhere(s.org.jitSSOConnectors, func(p pair) bool { return p[1] == connectorID })
}

// replyValueTooLong answers 422 entity.value_too_long with PostgreSQL's message, as Logto does
// when a value does not fit its column.
func replyValueTooLong(width int) reply {
	return func(w http.ResponseWriter) {
		writeJSON(w, http.StatusUnprocessableEntity, errorBody{
			Code:    "entity.value_too_long",
			Data:    ordered{{"message", fmt.Sprintf("value too long for type character varying(%d)", width)}},
			Message: "The length of value is too long and exceeds the limit.",
		})
	}
}

// tooLong returns a 422 reply when one of the values is longer than its column, or nil.
func tooLong(width int, values ...string) reply {
	for _, v := range values {
		if len([]rune(v)) > width {
			return replyValueTooLong(width)
		}
	}
	return nil
}

func replyUniqueViolation() reply {
	return replyMessage(http.StatusUnprocessableEntity, uniqueViolationCode,
		"The entity already exists. Please check the input and try again.")
}

func replyForeignKeyNotFound() reply {
	return replyMessage(http.StatusUnprocessableEntity, foreignKeyCode,
		"Cannot find one or more foreign keys. Please check the input and ensure that all referenced entities exist.")
}

func replyEmptyUpdate() reply {
	return replyMessage(http.StatusUnprocessableEntity, "entity.invalid_input", "Invalid input. Value list must not be empty.")
}

func replyConstraintViolated() reply {
	return replyMessage(http.StatusUnprocessableEntity, constraintViolationCode, "Database constraint violated.")
}

func replyRequireMembership() reply {
	return replyMessage(http.StatusUnprocessableEntity, "organization.require_membership",
		"The user must be a member of the organization to proceed.")
}

// hasDuplicate reports whether a list holds a value twice (a plain INSERT of it violates the
// primary key).
func hasDuplicate(values []string) bool {
	seen := map[string]bool{}
	for _, v := range values {
		if seen[v] {
			return true
		}
		seen[v] = true
	}
	return false
}

// dedupe keeps the first occurrence of each value.
func dedupe(values []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
