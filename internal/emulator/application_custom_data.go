package emulator

import "net/http"

// registerApplicationCustomData adds PATCH /api/applications/{id}/custom-data.
func (s *Server) registerApplicationCustomData(rt *router) {
	rt.handle(http.MethodPatch, "/api/applications/{id}/custom-data", managementAPI, s.patchApplicationCustomData)
}

// patchApplicationCustomData merges the body into customData (shallow, like jsonb ||: top-level
// keys are replaced, nested objects are not merged) and answers the merged customData. A missing
// application answers 404 entity.not_exists, not entity.not_exists_with_id: Logto goes straight
// to an UPDATE that matches no row.
func (s *Server) patchApplicationCustomData(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	z := &zodIssues{}
	patch := z.object(field{p: path{}, value: body, present: true})
	if !z.empty() {
		writeGuardError(w, "body", z)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		rec, ok := s.apps[id]
		if !ok {
			return func(w http.ResponseWriter) { writeNotExists(w, "application") }
		}
		if rec.App.CustomData == nil {
			rec.App.CustomData = JSONObject{}
		}
		for k, v := range patch {
			rec.App.CustomData[k] = v
		}
		return s.replyCommitted(replyJSON(http.StatusOK, JSONObject(cloneObject(rec.App.CustomData))))
	})
}
