package emulator

import (
	"net/http"
	"regexp"
)

// Defaults Logto gives a Protected application (routes/applications/constants.ts).
const (
	protectedSessionDuration = 60 * 60 * 24 * 14
	protectedCallbackPath    = "sign-in-callback"
)

// subdomainPattern is @logto/shared's isValidSubdomain.
var subdomainPattern = regexp.MustCompile(`^([\da-z]([\da-z-]{0,61}[\da-z])?)$`)

// registerApplications adds the /api/applications routes and their sub-resources.
func (s *Server) registerApplications(rt *router) {
	rt.handle(http.MethodGet, "/api/applications", managementAPI, s.listApplications)
	rt.handle(http.MethodPost, "/api/applications", managementAPI, s.createApplication)
	rt.handle(http.MethodGet, "/api/applications/{id}", managementAPI, s.getApplication)
	rt.handle(http.MethodPatch, "/api/applications/{id}", managementAPI, s.patchApplication)
	rt.handle(http.MethodDelete, "/api/applications/{id}", managementAPI, s.deleteApplication)
	s.registerApplicationCustomData(rt)
	s.registerApplicationSecrets(rt)
}

// createApplication is POST /api/applications. It answers 200 (not 201) with the application;
// Traditional, MachineToMachine and Protected applications get a "Default secret".
func (s *Server) createApplication(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseApplicationCreate(body)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	appType := *in.Type
	switch {
	case appType == typeSAML:
		writeError(w, http.StatusBadRequest, "application.saml.use_saml_app_api")
		return
	case appType != typeNative && in.CustomClientMetadata != nil && isTrue(in.CustomClientMetadata.IsDeviceFlow):
		writeError(w, http.StatusUnprocessableEntity, "application.device_flow_native_only")
		return
	case appType == typeProtected && in.CreateProtected == nil:
		writeError(w, http.StatusBadRequest, "application.protected_app_metadata_is_required")
		return
	case isTrue(in.IsThirdParty) && appType != typeTraditional && appType != typeSPA && appType != typeNative:
		writeError(w, http.StatusBadRequest, "application.invalid_third_party_application_type")
		return
	case isTrue(in.IsThirdParty) && in.CustomClientMetadata != nil && isTrue(in.CustomClientMetadata.AllowTokenExchange):
		writeError(w, http.StatusUnprocessableEntity, "application.third_party_application_cannot_enable_token_exchange")
		return
	}

	now := s.now().UnixMilli()
	app := Application{
		TenantID:           defaultTenantID,
		ID:                 newID(),
		Name:               *in.Name,
		Description:        in.Description,
		Type:               appType,
		OIDCClientMetadata: OIDCClientMetadata{RedirectURIs: []string{}, PostLogoutRedirectURIs: []string{}},
		CustomData:         JSONObject{},
		CreatedAt:          now,
	}
	if in.OIDCClientMetadata != nil {
		app.OIDCClientMetadata = *in.OIDCClientMetadata
	}
	if in.CustomClientMetadata != nil {
		app.CustomClientMetadata = *in.CustomClientMetadata
	}
	if in.CustomData != nil {
		app.CustomData = in.CustomData
	}
	app.IsThirdParty = isTrue(in.IsThirdParty)

	s.withState(w, func() reply {
		if appType == typeProtected {
			if failed := s.applyProtectedCreate(&app, in.CreateProtected); failed != nil {
				return failed
			}
		}
		s.seq++
		s.apps[app.ID] = &appRecord{App: app, seq: s.seq}
		if hasSecrets(appType) {
			s.secrets[app.ID] = []*appSecret{{
				TenantID: defaultTenantID, ApplicationID: app.ID, Name: defaultSecretKey,
				Value: s.newSecretLocked(), CreatedAt: now,
			}}
		}
		return s.replyCommitted(replyJSON(http.StatusOK, app.clone()))
	})
}

// applyProtectedCreate fills a Protected application's metadata, answering Logto's errors: an
// invalid subdomain (422), no protected-app provider as on self-hosted OSS (501), or a host in
// use (422); it returns the error reply, or nil on success. The caller holds s.mu.
func (s *Server) applyProtectedCreate(app *Application, in *protectedCreateInput) reply {
	if !subdomainPattern.MatchString(in.SubDomain) {
		return replyError(http.StatusUnprocessableEntity, "application.invalid_subdomain")
	}
	if s.opts.ProtectedAppDomain == "" {
		return replyError(http.StatusNotImplemented, "application.protected_app_not_configured")
	}
	host := in.SubDomain + "." + s.opts.ProtectedAppDomain
	for _, rec := range s.apps {
		if rec.App.ProtectedAppMetadata != nil && rec.App.ProtectedAppMetadata.Host == host {
			return replyError(http.StatusUnprocessableEntity, "application.protected_application_subdomain_exists")
		}
	}
	app.ProtectedAppMetadata = &ProtectedAppMetadata{
		Host:             host,
		Origin:           in.Origin,
		SessionDuration:  protectedSessionDuration,
		PageRules:        []PageRule{},
		AdditionalScopes: &[]string{},
	}
	app.OIDCClientMetadata = OIDCClientMetadata{
		RedirectURIs:           []string{"https://" + host + "/" + protectedCallbackPath},
		PostLogoutRedirectURIs: []string{"https://" + host},
	}
	return nil
}

// getApplication is GET /api/applications/{id}; only this answer carries isAdmin.
func (s *Server) getApplication(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	rec, ok := s.apps[id]
	var out withIsAdmin
	if ok {
		out = withIsAdmin{Application: rec.App.clone(), IsAdmin: rec.IsAdmin}
	}
	s.mu.Unlock()
	if !ok {
		writeNotExistsWithID(w, "applications", id)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// patchApplication is PATCH /api/applications/{id}. Given keys replace whole values
// (oidcClientMetadata, customClientMetadata and customData included); type and isThirdParty are
// ignored; isAdmin toggles the internal admin role.
func (s *Server) patchApplication(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseApplicationPatch(body)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.apps[id]
		if !ok {
			return replyNotExistsWithID("applications", id)
		}
		return s.patchApplicationLocked(rec, in)
	})
}

// patchApplicationLocked applies a validated PATCH. Like Logto, which runs the steps as separate
// queries without a transaction, an isAdmin change stays even when a later step fails.
//
// The answer is the application after the update in every case. Logto 1.42 answers a body that
// carries only protectedAppMetadata with the row its protected-metadata UPDATE returned, and a
// body with other fields too with the row of the second UPDATE (which holds both changes); only
// a body that changes no column (isAdmin alone, or nothing) gets the row read before. Logto
// before 1.40 answered the protectedAppMetadata-only PATCH with the row as it was before
// (fixed by logto-io/logto#8889, "return updated protected app metadata").
func (s *Server) patchApplicationLocked(rec *appRecord, in *applicationInput) reply {
	app := &rec.App
	switch {
	case isTrue(in.AppLevelAccessControlEnabled):
		return func(w http.ResponseWriter) {
			writeInvalidInput(w, http.StatusUnprocessableEntity,
				"Application access control must include at least one rule before it can be enabled.")
		}
	case app.IsThirdParty && in.CustomClientMetadata != nil && isTrue(in.CustomClientMetadata.AllowTokenExchange):
		return replyError(http.StatusUnprocessableEntity, "application.third_party_application_cannot_enable_token_exchange")
	case in.CustomClientMetadata != nil && isTrue(in.CustomClientMetadata.IsDeviceFlow) != isTrue(app.CustomClientMetadata.IsDeviceFlow):
		return replyError(http.StatusUnprocessableEntity, "application.device_flow_not_changeable")
	}
	changed := false
	if in.IsAdmin != nil && rec.IsAdmin != *in.IsAdmin {
		rec.IsAdmin, changed = *in.IsAdmin, true
	}
	if in.PatchProtectedSet {
		var failed reply
		switch {
		case app.Type != typeProtected:
			failed = replyError(http.StatusBadRequest, "application.protected_application_only")
		case app.ProtectedAppMetadata == nil:
			failed = replyError(http.StatusUnprocessableEntity, "application.protected_application_misconfigured")
		}
		if failed != nil {
			if changed {
				return s.replyCommitted(failed)
			}
			return failed
		}
		mergeProtected(app.ProtectedAppMetadata, in.PatchProtected)
		changed = true
	}
	if in.hasUpdates() {
		applyApplicationPatch(app, in)
		changed = true
	}
	answer := replyJSON(http.StatusOK, app.clone())
	if changed {
		return s.replyCommitted(answer)
	}
	return answer
}

func applyApplicationPatch(app *Application, in *applicationInput) {
	if in.Name != nil {
		app.Name = *in.Name
	}
	if in.DescriptionSet {
		app.Description = in.Description
	}
	if in.OIDCClientMetadata != nil {
		app.OIDCClientMetadata = *in.OIDCClientMetadata
	}
	if in.CustomClientMetadata != nil {
		app.CustomClientMetadata = *in.CustomClientMetadata
	}
	if in.CustomData != nil {
		app.CustomData = in.CustomData
	}
	if in.AppLevelAccessControlEnabled != nil {
		app.AppLevelAccessControlEnabled = *in.AppLevelAccessControlEnabled
	}
}

// mergeProtected merges PATCH's protectedAppMetadata keys into the stored metadata (shallow).
func mergeProtected(meta *ProtectedAppMetadata, patch map[string]any) {
	if origin, ok := patch["origin"].(string); ok {
		meta.Origin = origin
	}
	if duration, ok := patch["sessionDuration"].(float64); ok {
		meta.SessionDuration = duration
	}
	if rules, ok := patch["pageRules"].([]PageRule); ok {
		meta.PageRules = rules
	}
	if scopes, ok := patch["additionalScopes"].([]string); ok {
		meta.AdditionalScopes = &scopes
	}
}

// deleteApplication is DELETE /api/applications/{id}: 204, and its secrets go with it.
func (s *Server) deleteApplication(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if _, ok := s.apps[id]; !ok {
			return replyNotExistsWithID("applications", id)
		}
		delete(s.apps, id)
		delete(s.secrets, id)
		s.forgetApplicationLocked(id)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}

func isTrue(b *bool) bool { return b != nil && *b }
