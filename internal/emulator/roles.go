package emulator

import (
	"fmt"
	"net/http"
)

// roleSearchFields are the columns Logto searches roles by.
var roleSearchFields = []string{"id", "name", "description"}

// registerRoles adds /api/roles and the role link routes.
func (s *Server) registerRoles(rt *router) {
	rt.handle(http.MethodGet, "/api/roles", managementAPI, s.listRoles)
	rt.handle(http.MethodPost, "/api/roles", managementAPI, s.createRole)
	rt.handle(http.MethodGet, "/api/roles/{id}", managementAPI, s.getRole)
	rt.handle(http.MethodPatch, "/api/roles/{id}", managementAPI, s.patchRole)
	rt.handle(http.MethodDelete, "/api/roles/{id}", managementAPI, s.deleteRole)
	s.registerRoleLinks(rt)
	s.registerApplicationRoles(rt)
}

// roleInput is a validated role body.
type roleInput struct {
	Name, Description, Type *string
	IsDefault               *bool
	ScopeIDs                []string
	ScopeIDsSet             bool
}

// parseRoleBody validates Roles.createGuard (+ scopeIds) on create, and the partial
// {name, description, isDefault} on PATCH.
func parseRoleBody(body any, create bool) (*roleInput, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	in := &roleInput{}
	in.Name, _ = z.str(fieldOf(obj, path{}, "name"), create, false, 1, 128)
	in.Description, _ = z.str(fieldOf(obj, path{}, "description"), create, false, 1, 128)
	if create {
		if f := fieldOf(obj, path{}, "type"); f.present {
			if v, ok := f.value.(string); ok && contains(roleTypes, v) {
				in.Type = &v
			} else if ok {
				z.invalidEnumValue(f.p, v, roleTypes)
			} else {
				z.invalidTypeEnum(f.p, roleTypes, zodType(f.value, true))
			}
		}
	}
	in.IsDefault = z.boolean(fieldOf(obj, path{}, "isDefault"))
	if create {
		f := fieldOf(obj, path{}, "scopeIds")
		in.ScopeIDsSet = f.present
		in.ScopeIDs = z.stringArray(f, false, func(p path, s string) {
			if s == "" {
				z.tooSmallString(p, 1)
			}
		})
	}
	return in, z
}

func (s *Server) roleNameInUseLocked(name, exceptID string) bool {
	for id, rec := range s.access.roles {
		if id != exceptID && rec.Role.Name == name {
			return true
		}
	}
	return false
}

func replyRoleNameInUse(name string) reply {
	return replyMessage(http.StatusUnprocessableEntity, "role.name_in_use",
		fmt.Sprintf("This role name %s is already in use", name))
}

// createRole is POST /api/roles: 200 with the role. Like Logto, the role is inserted before its
// scopeIds are checked: an unknown scope id answers 404 and the role stays.
func (s *Server) createRole(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseRoleBody(body, true)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	role := Role{TenantID: defaultTenantID, ID: newID(), Name: *in.Name, Description: *in.Description, Type: roleTypeUser}
	if in.Type != nil {
		role.Type = *in.Type
	}
	if in.IsDefault != nil {
		role.IsDefault = *in.IsDefault
	}
	s.withState(w, func() reply {
		if s.roleNameInUseLocked(role.Name, "") {
			return replyRoleNameInUse(role.Name)
		}
		s.seq++
		s.access.roles[role.ID] = &roleRecord{Role: role, seq: s.seq}
		for _, scopeID := range in.ScopeIDs {
			if s.access.scopes[scopeID] == nil {
				return s.replyCommitted(replyNotExistsWithID(scopeTable, scopeID))
			}
		}
		for _, scopeID := range in.ScopeIDs {
			s.access.addLink(s.access.roleScopes, role.ID, scopeID, &s.seq)
		}
		return s.replyCommitted(replyJSON(http.StatusOK, role))
	})
}

// roleListItem is a role in GET /api/roles, with its user and application counts.
type roleListItem struct {
	Role
	UsersCount           int              `json:"usersCount"`
	FeaturedUsers        []featuredUser   `json:"featuredUsers"`
	ApplicationsCount    int              `json:"applicationsCount"`
	FeaturedApplications []featuredClient `json:"featuredApplications"`
}

type featuredUser struct {
	ID     string  `json:"id"`
	Avatar *string `json:"avatar"`
	Name   *string `json:"name"`
}

type featuredClient struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

// listRoles is GET /api/roles: always paged, newest first; filters type, excludeUserId,
// excludeApplicationId and Logto's search over id, name and description.
func (s *Server) listRoles(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, false)
	if !ok {
		return
	}
	_, values := queryValues(pairs)
	z := &zodIssues{}
	var roleType string
	if v, ok := values["type"]; ok {
		roleType = jsQueryValue(v)
		if !contains(roleTypes, roleType) {
			z.invalidEnumValue(path{"type"}, roleType, roleTypes)
		}
	}
	if !z.empty() {
		writeGuardError(w, "query", z)
		return
	}
	match, ok := searchMatcher(w, pairs, roleSearchFields)
	if !ok {
		return
	}
	excludeUser, excludeApp := jsQueryValue(values["excludeUserId"]), jsQueryValue(values["excludeApplicationId"])
	s.mu.Lock()
	var rows []*roleRecord
	for _, rec := range sortedRecords(s.access.roles, func(rec *roleRecord) int64 { return rec.seq }, true) {
		role := &rec.Role
		if roleType != "" && role.Type != roleType {
			continue
		}
		if (excludeUser != "" && s.access.roleUsers[linkKey(role.ID, excludeUser)] != nil) ||
			(excludeApp != "" && s.access.roleApps[linkKey(role.ID, excludeApp)] != nil) {
			continue
		}
		if !match(roleField(role)) {
			continue
		}
		rows = append(rows, rec)
	}
	total := len(rows)
	page := pageOf(rows, paging)
	out := make([]roleListItem, len(page))
	for i, rec := range page {
		out[i] = s.roleListItemLocked(rec.Role)
	}
	s.mu.Unlock()
	writePagingHeaders(w, r, pairs, paging, total)
	writeJSON(w, http.StatusOK, out)
}

// roleListItemLocked counts a role's users and applications and features up to three of each.
func (s *Server) roleListItemLocked(role Role) roleListItem {
	item := roleListItem{Role: role, FeaturedUsers: []featuredUser{}, FeaturedApplications: []featuredClient{}}
	userLinks := linksOf(s.access.roleUsers, role.ID, true)
	item.UsersCount = len(userLinks)
	for _, l := range userLinks {
		if rec := s.access.users[l.OtherID]; rec != nil && len(item.FeaturedUsers) < 3 {
			item.FeaturedUsers = append(item.FeaturedUsers, featuredUser{ID: rec.User.ID, Avatar: rec.User.Avatar, Name: rec.User.Name})
		}
	}
	appLinks := linksOf(s.access.roleApps, role.ID, true)
	item.ApplicationsCount = len(appLinks)
	for _, l := range appLinks {
		if app, ok := s.linkedApplicationLocked(l.OtherID); ok && len(item.FeaturedApplications) < 3 {
			item.FeaturedApplications = append(item.FeaturedApplications, featuredClient{ID: app.ID, Name: app.Name, Type: app.Type})
		}
	}
	return item
}

// configuredClientName is the name the configured client shows as an application.
const configuredClientName = "Logto emulator client"

// linkedApplicationLocked returns a linked application: a stored one, or the configured client,
// which the emulator does not list among applications but which holds the Management API role.
func (s *Server) linkedApplicationLocked(id string) (Application, bool) {
	if rec, ok := s.apps[id]; ok {
		return rec.App.clone(), true
	}
	if id == s.opts.ClientID {
		return Application{
			TenantID: defaultTenantID, ID: id, Name: configuredClientName, Type: typeM2M,
			OIDCClientMetadata: OIDCClientMetadata{RedirectURIs: []string{}, PostLogoutRedirectURIs: []string{}},
			CustomData:         JSONObject{},
		}, true
	}
	return Application{}, false
}

func roleField(role *Role) func(string) *string {
	return func(f string) *string {
		switch f {
		case "id":
			return &role.ID
		case "name":
			return &role.Name
		default:
			return &role.Description
		}
	}
}

// getRole is GET /api/roles/{id}.
func (s *Server) getRole(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.access.roles[id]
		if !ok {
			return replyNotExistsWithID(roleTable, id)
		}
		return replyJSON(http.StatusOK, rec.Role)
	})
}

// patchRole is PATCH /api/roles/{id}: name, description and isDefault.
func (s *Server) patchRole(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseRoleBody(body, false)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.access.roles[id]
		if !ok {
			return replyNotExistsWithID(roleTable, id)
		}
		if in.Name != nil && s.roleNameInUseLocked(*in.Name, id) {
			return replyRoleNameInUse(*in.Name)
		}
		if in.Name != nil {
			rec.Role.Name = *in.Name
		}
		if in.Description != nil {
			rec.Role.Description = *in.Description
		}
		if in.IsDefault != nil {
			rec.Role.IsDefault = *in.IsDefault
		}
		return s.replyCommitted(replyJSON(http.StatusOK, rec.Role))
	})
}

// deleteRole is DELETE /api/roles/{id}: 204; its links go with it.
func (s *Server) deleteRole(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if _, ok := s.access.roles[id]; !ok {
			return replyNotExistsWithID(roleTable, id)
		}
		delete(s.access.roles, id)
		dropLinks(s.access.roleScopes, id, true)
		dropLinks(s.access.roleApps, id, true)
		dropLinks(s.access.roleUsers, id, true)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}
