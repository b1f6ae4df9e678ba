package emulator

import "net/http"

// relationRoutes are the four routes Logto's SchemaRouter.addRelationRoutes mounts for a
// two-column relation table (organization role scopes, resource scopes, just-in-time roles and
// SSO connectors):
//
//   - GET {pattern}: 404 when the main row is missing (its findById answer), then the related
//     rows in the order of their ids; paging optional.
//   - POST {pattern} {<idsKey>: nonempty list}: 201 "Created"; rows already there are skipped
//     (ON CONFLICT DO NOTHING), a missing main or related row answers 422
//     entity.relation_foreign_key_not_found and adds nothing.
//   - PUT {pattern} {<idsKey>: list}: 204, replaces the set in one transaction; a repeated id
//     answers 422 entity.unique_integrity_violation, a missing row the foreign key error, and
//     the set is then left as it was.
//   - DELETE {pattern}/{<param>}: 204, or 404 entity.not_found.
type relationRoutes struct {
	pattern string
	idsKey  string
	// param names the related id in the DELETE route, as Logto does ("organizationRoleId").
	param string
	// width is the size of the related id column (longer ids: 422 entity.value_too_long).
	width int
	// set returns the relation set (main id first).
	set func(s *Server) *map[pair]bool
	// missing returns the GET answer for a missing main row, or nil when it exists.
	missing func(s *Server, id string) reply
	// row returns a related row as GET answers it, and whether it exists.
	row func(s *Server, id string) (any, bool)
}

// register mounts the routes.
func (rr relationRoutes) register(s *Server, rt *router) {
	rt.handle(http.MethodGet, rr.pattern, managementAPI, func(w http.ResponseWriter, r *http.Request) { rr.list(s, w, r) })
	rt.handle(http.MethodPost, rr.pattern, managementAPI, func(w http.ResponseWriter, r *http.Request) { rr.add(s, w, r) })
	rt.handle(http.MethodPut, rr.pattern, managementAPI, func(w http.ResponseWriter, r *http.Request) { rr.replace(s, w, r) })
	rt.handle(http.MethodDelete, rr.pattern+"/{"+rr.param+"}", managementAPI, func(w http.ResponseWriter, r *http.Request) { rr.remove(s, w, r) })
}

func (rr relationRoutes) list(s *Server, w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, true)
	if !ok {
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	if missing := rr.missing(s, id); missing != nil {
		s.mu.Unlock()
		missing(w)
		return
	}
	rows := []any{}
	for _, other := range secondsOf(*rr.set(s), id) {
		if row, ok := rr.row(s, other); ok {
			rows = append(rows, row)
		}
	}
	s.mu.Unlock()
	if !paging.disabled {
		writePagingHeaders(w, r, pairs, paging, len(rows))
	}
	writeJSON(w, http.StatusOK, pageOf(rows, paging))
}

// checkLocked answers the database's objection to inserting (id, other) rows, or nil.
func (rr relationRoutes) checkLocked(s *Server, id string, others []string) reply {
	if failed := tooLong(idColumnLength, id); failed != nil {
		return failed
	}
	if failed := tooLong(rr.width, others...); failed != nil {
		return failed
	}
	if rr.missing(s, id) != nil {
		return replyForeignKeyNotFound()
	}
	for _, other := range others {
		if _, ok := rr.row(s, other); !ok {
			return replyForeignKeyNotFound()
		}
	}
	return nil
}

func (rr relationRoutes) add(s *Server, w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	ids, issues := parseIDList(body, rr.idsKey, true)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		set := rr.set(s)
		var fresh []string
		for _, other := range ids {
			if !(*set)[pair{id, other}] {
				fresh = append(fresh, other)
			}
		}
		if len(fresh) > 0 {
			if failed := rr.checkLocked(s, id, fresh); failed != nil {
				return failed
			}
		}
		for _, other := range fresh {
			addTo(set, pair{id, other})
		}
		return s.replyCommitted(replyText(http.StatusCreated, "Created"))
	})
}

func (rr relationRoutes) replace(s *Server, w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	ids, issues := parseIDList(body, rr.idsKey, false)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if len(ids) > 0 {
			if failed := tooLong(rr.width, ids...); failed != nil {
				return failed
			}
			if hasDuplicate(ids) {
				return replyUniqueViolation()
			}
			if failed := rr.checkLocked(s, id, ids); failed != nil {
				return failed
			}
		}
		set := rr.set(s)
		dropWhere(*set, func(p pair) bool { return p[0] == id })
		for _, other := range ids {
			addTo(set, pair{id, other})
		}
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}

func (rr relationRoutes) remove(s *Server, w http.ResponseWriter, r *http.Request) {
	key := pair{r.PathValue("id"), r.PathValue(rr.param)}
	s.withState(w, func() reply {
		set := rr.set(s)
		if !(*set)[key] {
			return replyError(http.StatusNotFound, "entity.not_found")
		}
		delete(*set, key)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}
