package emulator

import "net/http"

// registerApplicationSecrets adds the named application secrets routes and legacy-secret.
func (s *Server) registerApplicationSecrets(rt *router) {
	rt.handle(http.MethodGet, "/api/applications/{id}/secrets", managementAPI, s.listApplicationSecrets)
	rt.handle(http.MethodPost, "/api/applications/{id}/secrets", managementAPI, s.createApplicationSecret)
	rt.handle(http.MethodPatch, "/api/applications/{id}/secrets/{name}", managementAPI, s.renameApplicationSecret)
	rt.handle(http.MethodDelete, "/api/applications/{id}/secrets/{name}", managementAPI, s.deleteApplicationSecret)
	rt.handle(http.MethodDelete, "/api/applications/{id}/legacy-secret", managementAPI, s.deleteLegacySecret)
}

// listApplicationSecrets answers the application's secrets with their values, in creation
// order; SPA and Native applications have none ([]).
func (s *Server) listApplicationSecrets(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	_, ok := s.apps[id]
	out := make([]appSecret, 0, len(s.secrets[id]))
	for _, secret := range s.secrets[id] {
		out = append(out, *secret)
	}
	s.mu.Unlock()
	if !ok {
		writeNotExistsWithID(w, "applications", id)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// createApplicationSecret answers 201 with the new secret. Checks run in Logto's order: body
// guard, expiresAt in the future, application exists, the type may hold secrets (422
// entity.db_constraint_violated, a database check constraint in Logto), the name is free.
func (s *Server) createApplicationSecret(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	z := &zodIssues{}
	var name *string
	var expiresAt *float64
	if obj := z.object(field{p: path{}, value: body, present: true}); obj != nil {
		name, _ = z.str(fieldOf(obj, path{}, "name"), true, false, 1, 256)
		expiresAt = z.number(fieldOf(obj, path{}, "expiresAt"), numberRule{nullable: true})
	}
	if !z.empty() {
		writeGuardError(w, "body", z)
		return
	}
	now := s.now().UnixMilli()
	if expiresAt != nil && *expiresAt != 0 && *expiresAt <= float64(now) {
		writeInvalidInput(w, http.StatusBadRequest, "The value of `expiresAt` must be in the future.")
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.apps[id]
		switch {
		case !ok:
			return replyNotExistsWithID("applications", id)
		case !hasSecrets(rec.App.Type):
			return replyError(http.StatusUnprocessableEntity, "entity.db_constraint_violated")
		case s.findSecret(id, *name) >= 0:
			return replyError(http.StatusUnprocessableEntity, "application.secret_name_exists")
		}
		secret := appSecret{
			TenantID: defaultTenantID, ApplicationID: id, Name: *name, Value: s.newSecretLocked(), CreatedAt: now,
		}
		if expiresAt != nil {
			secret.ExpiresAt = ptr(int64(*expiresAt))
		}
		stored := secret
		s.secrets[id] = append(s.secrets[id], &stored)
		return s.replyCommitted(replyJSON(http.StatusCreated, secret))
	})
}

// renameApplicationSecret is PATCH /secrets/{name} with {"name": new}; a missing secret answers
// 404 entity.not_exists ("The application_secret does not exist.").
func (s *Server) renameApplicationSecret(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	z := &zodIssues{}
	var newName *string
	if obj := z.object(field{p: path{}, value: body, present: true}); obj != nil {
		newName, _ = z.str(fieldOf(obj, path{}, "name"), true, false, 1, 256)
	}
	if !z.empty() {
		writeGuardError(w, "body", z)
		return
	}
	id, name := r.PathValue("id"), r.PathValue("name")
	s.withState(w, func() reply {
		if _, ok := s.apps[id]; !ok {
			return replyNotExistsWithID("applications", id)
		}
		index := s.findSecret(id, name)
		if index < 0 {
			return func(w http.ResponseWriter) { writeNotExists(w, "application_secret") }
		}
		if *newName != name && s.findSecret(id, *newName) >= 0 {
			return replyError(http.StatusUnprocessableEntity, "application.secret_name_exists")
		}
		secret := s.secrets[id][index]
		secret.Name = *newName
		return s.replyCommitted(replyJSON(http.StatusOK, *secret))
	})
}

// deleteApplicationSecret answers 204; a missing secret answers 404 entity.not_found.
func (s *Server) deleteApplicationSecret(w http.ResponseWriter, r *http.Request) {
	id, name := r.PathValue("id"), r.PathValue("name")
	s.withState(w, func() reply {
		if _, ok := s.apps[id]; !ok {
			return replyNotExistsWithID("applications", id)
		}
		index := s.findSecret(id, name)
		if index < 0 {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		list := s.secrets[id]
		s.secrets[id] = append(list[:index:index], list[index+1:]...)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}

// deleteLegacySecret is DELETE /api/applications/{id}/legacy-secret. Applications created
// through the API never have a legacy secret, so it always answers 400
// application.no_legacy_secret_found (or 404 for a missing application).
func (s *Server) deleteLegacySecret(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	_, ok := s.apps[id]
	s.mu.Unlock()
	if !ok {
		writeNotExistsWithID(w, "applications", id)
		return
	}
	writeError(w, http.StatusBadRequest, "application.no_legacy_secret_found")
}

// findSecret returns the index of a named secret of an application, or -1. The caller holds s.mu.
func (s *Server) findSecret(appID, name string) int {
	for i, secret := range s.secrets[appID] {
		if secret.Name == name {
			return i
		}
	}
	return -1
}
