package emulator

import (
	"net/http"
	"regexp"
	"strings"
)

// registerUsers adds /api/users and its sub-routes.
func (s *Server) registerUsers(rt *router) {
	rt.handle(http.MethodGet, "/api/users", managementAPI, s.listUsers)
	rt.handle(http.MethodPost, "/api/users", managementAPI, s.createUser)
	rt.handle(http.MethodGet, "/api/users/{id}", managementAPI, s.getUser)
	rt.handle(http.MethodPatch, "/api/users/{id}", managementAPI, s.patchUser)
	rt.handle(http.MethodDelete, "/api/users/{id}", managementAPI, s.deleteUser)
	rt.handle(http.MethodGet, "/api/users/{id}/custom-data", managementAPI, s.getUserCustomData)
	rt.handle(http.MethodPatch, "/api/users/{id}/custom-data", managementAPI, s.patchUserCustomData)
	rt.handle(http.MethodPatch, "/api/users/{id}/profile", managementAPI, s.patchUserProfile)
	rt.handle(http.MethodPatch, "/api/users/{id}/is-suspended", managementAPI, s.patchUserSuspended)
	rt.handle(http.MethodPatch, "/api/users/{id}/password", managementAPI, s.patchUserPassword)
	rt.handle(http.MethodGet, "/api/users/{id}/has-password", managementAPI, s.getUserHasPassword)
	s.registerUserRoles(rt)
}

// userInput is a validated create or patch body; for the nullable PATCH fields Set says the key
// was given (a nil value then clears the field).
type userInput struct {
	Username, PrimaryEmail, PrimaryPhone, Name, Avatar  *string
	UsernameSet, EmailSet, PhoneSet, NameSet, AvatarSet bool
	Password, PasswordDigest, PasswordAlgorithm         *string
	CustomData                                          JSONObject
	Profile                                             UserProfile
}

func (in *userInput) empty() bool {
	return !in.UsernameSet && !in.EmailSet && !in.PhoneSet && !in.NameSet && !in.AvatarSet &&
		in.CustomData == nil && in.Profile == nil
}

func (z *zodIssues) regexIssue(p path) {
	z.add(p, "invalid_string", "Invalid", true, ordered{{"validation", "regex"}, {"code", "invalid_string"}})
}

// userString validates one identifier field. On create it is z.string()<check>.optional(); on
// PATCH z.string()<check>.or(z.literal(”)).nullable(), where ” and null clear the field.
func (z *zodIssues) userString(obj map[string]any, key string, create bool, check func(string) bool, url bool) (*string, bool) {
	f := fieldOf(obj, path{}, key)
	if !f.present {
		return nil, false
	}
	if !create && (f.value == nil || f.value == "") {
		return nil, true
	}
	v, ok := f.value.(string)
	if !ok {
		if create {
			z.invalidType(f.p, "string", zodType(f.value, true))
			return nil, false
		}
		first, second := &zodIssues{}, &zodIssues{}
		first.invalidType(f.p, "string", zodType(f.value, true))
		second.invalidLiteral(f.p, "", f.value)
		z.invalidUnion(f.p, first, second)
		return nil, false
	}
	if check != nil && !check(v) {
		if url {
			z.invalidURL(f.p)
		} else {
			z.regexIssue(f.p)
		}
		return nil, false
	}
	return &v, true
}

func matchFn(re *regexp.Regexp) func(string) bool { return re.MatchString }

func validAbsoluteURL(s string) bool {
	scheme, ok := parseURLScheme(s)
	return ok && scheme != ""
}

// parseUserBody validates POST /api/users (create) or PATCH /api/users/{id}.
func parseUserBody(body any, create bool) (*userInput, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	in := &userInput{}
	in.PrimaryPhone, in.PhoneSet = z.userString(obj, "primaryPhone", create, matchFn(phonePattern), false)
	in.PrimaryEmail, in.EmailSet = z.userString(obj, "primaryEmail", create, matchFn(emailPattern), false)
	in.Username, in.UsernameSet = z.userString(obj, "username", create, matchFn(usernamePattern), false)
	if create {
		in.Password, _ = z.str(fieldOf(obj, path{}, "password"), false, false, 1, 0)
		in.PasswordDigest, _ = z.str(fieldOf(obj, path{}, "passwordDigest"), false, false, 0, 0)
		if f := fieldOf(obj, path{}, "passwordAlgorithm"); f.present {
			if v, ok := f.value.(string); ok && contains(passwordAlgorithms, v) {
				in.PasswordAlgorithm = &v
			} else if ok {
				z.invalidEnumValue(f.p, v, passwordAlgorithms)
			} else {
				z.invalidTypeEnum(f.p, passwordAlgorithms, zodType(f.value, true))
			}
		}
	}
	in.Name, in.NameSet = z.userString(obj, "name", create, nil, false)
	in.Avatar, in.AvatarSet = z.userString(obj, "avatar", create, validAbsoluteURL, true)
	if f := fieldOf(obj, path{}, "customData"); f.present {
		if data := z.object(f); data != nil {
			in.CustomData = JSONObject(data)
		}
	}
	if f := fieldOf(obj, path{}, "profile"); f.present {
		if data := z.object(f); data != nil {
			in.Profile = z.profile(f.p, data)
		}
	}
	return in, z
}

// profile validates userProfileGuard: string values, an address object; unknown keys dropped.
func (z *zodIssues) profile(p path, data map[string]any) UserProfile {
	out := UserProfile{}
	for _, key := range profileKeys {
		f := fieldOf(data, p, key)
		if !f.present {
			continue
		}
		if key == "address" {
			address := z.object(f)
			if address == nil {
				continue
			}
			kept := map[string]any{}
			for _, akey := range addressKeys {
				if v, ok := z.str(fieldOf(address, f.p, akey), false, false, 0, 0); v != nil && ok {
					kept[akey] = *v
				}
			}
			out[key] = kept
			continue
		}
		if v, ok := z.str(f, false, false, 0, 0); v != nil && ok {
			out[key] = *v
		}
	}
	return out
}

// identifierInUseLocked answers 422 when another user holds the username, email or phone.
func (s *Server) identifierInUseLocked(in *userInput, exceptID string) reply {
	for id, rec := range s.access.users {
		if id == exceptID {
			continue
		}
		u := &rec.User
		switch {
		case in.Username != nil && u.Username != nil && *u.Username == *in.Username:
			return replyMessage(http.StatusUnprocessableEntity, "user.username_already_in_use", "This username is already in use.")
		case in.PrimaryEmail != nil && u.PrimaryEmail != nil && strings.EqualFold(*u.PrimaryEmail, *in.PrimaryEmail):
			return replyMessage(http.StatusUnprocessableEntity, "user.email_already_in_use", "This email is associated with an existing account.")
		case in.PrimaryPhone != nil && u.PrimaryPhone != nil && *u.PrimaryPhone == *in.PrimaryPhone:
			return replyMessage(http.StatusUnprocessableEntity, "user.phone_already_in_use", "This phone number is associated with an existing account.")
		}
	}
	return nil
}

func replyUserNotFound() reply { return replyError(http.StatusNotFound, "entity.not_found") }

// createUser is POST /api/users: 200 with the user. Unknown and read-only keys are ignored.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseUserBody(body, true)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	if in.Password != nil && in.PasswordDigest != nil {
		writeErrorMessage(w, http.StatusBadRequest, "user.password_and_digest",
			"You cannot set both plain text password and password digest.")
		return
	}
	now := s.now().UnixMilli()
	u := User{
		ID: randomString(lowercaseAlphabet, 12), Username: in.Username, PrimaryEmail: in.PrimaryEmail,
		PrimaryPhone: in.PrimaryPhone, Name: in.Name, Avatar: in.Avatar, CustomData: in.CustomData,
		Profile: in.Profile, CreatedAt: now, UpdatedAt: now,
		HasPassword: in.Password != nil || in.PasswordDigest != nil,
	}
	normalizeUser(&u)
	s.withState(w, func() reply {
		if failed := s.identifierInUseLocked(in, ""); failed != nil {
			return failed
		}
		s.seq++
		s.access.users[u.ID] = &userRecord{User: u, seq: s.seq}
		return s.replyCommitted(replyJSON(http.StatusOK, u.clone()))
	})
}

// userWithSSO is GET /api/users/{id}?includeSsoIdentities=true.
type userWithSSO struct {
	User
	SSOIdentities []any `json:"ssoIdentities"`
}

// getUser is GET /api/users/{id}; a missing user answers 404 entity.not_found.
func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	_, values := queryValues(parseQueryOrdered(r.URL.RawQuery))
	withSSO := contains([]string{"1", "true", "y", "yes", "yep", "yeah"}, strings.ToLower(jsQueryValue(values["includeSsoIdentities"])))
	s.withState(w, func() reply {
		rec, ok := s.access.users[id]
		if !ok {
			return replyUserNotFound()
		}
		if withSSO {
			return replyJSON(http.StatusOK, userWithSSO{User: rec.User.clone(), SSOIdentities: []any{}})
		}
		return replyJSON(http.StatusOK, rec.User.clone())
	})
}

// listUsers is GET /api/users: always paged, newest first; Logto's search over id,
// primaryEmail, primaryPhone, username and name (`search=%x%` for a substring;
// `search.primaryEmail=…&mode.primaryEmail=exact` for an exact lookup); excludeRoleId drops
// users holding that role.
func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, false)
	if !ok {
		return
	}
	match, ok := searchMatcher(w, pairs, userSearchFields)
	if !ok {
		return
	}
	_, values := queryValues(pairs)
	excludeRole := jsQueryValue(values["excludeRoleId"])
	s.mu.Lock()
	var rows []User
	for _, rec := range sortedRecords(s.access.users, func(rec *userRecord) int64 { return rec.seq }, true) {
		if excludeRole != "" && s.access.roleUsers[linkKey(excludeRole, rec.User.ID)] != nil {
			continue
		}
		if match(userField(&rec.User)) {
			rows = append(rows, rec.User)
		}
	}
	total := len(rows)
	page := pageOf(rows, paging)
	out := make([]User, len(page))
	for i, u := range page {
		out[i] = u.clone()
	}
	s.mu.Unlock()
	writePagingHeaders(w, r, pairs, paging, total)
	writeJSON(w, http.StatusOK, out)
}

// patchUser is PATCH /api/users/{id}: given keys replace stored values (customData and profile
// as whole objects); ” and null clear identifiers; an empty update answers 422.
func (s *Server) patchUser(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseUserBody(body, false)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.access.users[id]
		if !ok {
			return replyUserNotFound()
		}
		if failed := s.identifierInUseLocked(in, id); failed != nil {
			return failed
		}
		if in.empty() {
			return replyMessage(http.StatusUnprocessableEntity, "entity.invalid_input", "Invalid input. Value list must not be empty.")
		}
		u := &rec.User
		set := func(dst **string, value *string, given bool) {
			if given {
				*dst = value
			}
		}
		set(&u.Username, in.Username, in.UsernameSet)
		set(&u.PrimaryEmail, in.PrimaryEmail, in.EmailSet)
		set(&u.PrimaryPhone, in.PrimaryPhone, in.PhoneSet)
		set(&u.Name, in.Name, in.NameSet)
		set(&u.Avatar, in.Avatar, in.AvatarSet)
		if in.CustomData != nil {
			u.CustomData = in.CustomData
		}
		if in.Profile != nil {
			u.Profile = in.Profile
		}
		return s.userChangedLocked(rec)
	})
}

// userChangedLocked bumps updatedAt, commits and answers the user.
func (s *Server) userChangedLocked(rec *userRecord) reply {
	rec.User.UpdatedAt = s.now().UnixMilli()
	return s.replyCommitted(replyJSON(http.StatusOK, rec.User.clone()))
}

// deleteUser is DELETE /api/users/{id}: 204; the user's role links go too.
func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if _, ok := s.access.users[id]; !ok {
			return replyUserNotFound()
		}
		delete(s.access.users, id)
		dropLinks(s.access.roleUsers, id, false)
		s.forgetOrganizationUserLocked(id)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}

// getUserCustomData is GET /api/users/{id}/custom-data.
func (s *Server) getUserCustomData(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.access.users[id]
		if !ok {
			return replyUserNotFound()
		}
		return replyJSON(http.StatusOK, JSONObject(cloneObject(rec.User.CustomData)))
	})
}

// requiredObject validates a body {<key>: object}.
func requiredObject(body any, key string) (map[string]any, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	return z.object(fieldOf(obj, path{}, key)), z
}

// patchUserCustomData is PATCH /api/users/{id}/custom-data {customData}: a shallow merge;
// answers the merged customData.
func (s *Server) patchUserCustomData(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	patch, z := requiredObject(body, "customData")
	if !z.empty() {
		writeGuardError(w, "body", z)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.access.users[id]
		if !ok {
			return replyUserNotFound()
		}
		for k, v := range patch {
			rec.User.CustomData[k] = v
		}
		rec.User.UpdatedAt = s.now().UnixMilli()
		return s.replyCommitted(replyJSON(http.StatusOK, JSONObject(cloneObject(rec.User.CustomData))))
	})
}

// patchUserProfile is PATCH /api/users/{id}/profile {profile}: top-level keys merged (a nested
// address replaced), unknown keys dropped; answers the profile.
func (s *Server) patchUserProfile(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	raw, z := requiredObject(body, "profile")
	var patch UserProfile
	if raw != nil {
		patch = z.profile(path{"profile"}, raw)
	}
	if !z.empty() {
		writeGuardError(w, "body", z)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.access.users[id]
		if !ok {
			return replyUserNotFound()
		}
		for k, v := range patch {
			rec.User.Profile[k] = v
		}
		rec.User.UpdatedAt = s.now().UnixMilli()
		return s.replyCommitted(replyJSON(http.StatusOK, UserProfile(cloneObject(rec.User.Profile))))
	})
}

// patchUserSuspended is PATCH /api/users/{id}/is-suspended {isSuspended}: answers the user.
func (s *Server) patchUserSuspended(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	z := &zodIssues{}
	var suspended *bool
	if obj := z.object(field{p: path{}, value: body, present: true}); obj != nil {
		f := fieldOf(obj, path{}, "isSuspended")
		if !f.present {
			z.invalidType(f.p, "boolean", "undefined")
		} else {
			suspended = z.boolean(f)
		}
	}
	if !z.empty() {
		writeGuardError(w, "body", z)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.access.users[id]
		if !ok {
			return replyUserNotFound()
		}
		rec.User.IsSuspended = *suspended
		return s.userChangedLocked(rec)
	})
}

// patchUserPassword is PATCH /api/users/{id}/password {password}: any non-empty password (the
// sign-in password policy does not apply); the value is not kept, only hasPassword.
func (s *Server) patchUserPassword(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	z := &zodIssues{}
	if obj := z.object(field{p: path{}, value: body, present: true}); obj != nil {
		z.str(fieldOf(obj, path{}, "password"), true, false, 1, 0)
	}
	if !z.empty() {
		writeGuardError(w, "body", z)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.access.users[id]
		if !ok {
			return replyUserNotFound()
		}
		rec.User.HasPassword = true
		return s.userChangedLocked(rec)
	})
}

// getUserHasPassword is GET /api/users/{id}/has-password.
func (s *Server) getUserHasPassword(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.access.users[id]
		if !ok {
			return replyUserNotFound()
		}
		return replyJSON(http.StatusOK, map[string]bool{"hasPassword": rec.User.HasPassword})
	})
}
