package emulator

import "net/http"

// reply is an answer prepared while the state lock is held and written after it is released,
// so a slow client never holds up other requests. Whatever a reply writes must not share
// memory with the store (hand it copies).
type reply func(w http.ResponseWriter)

// withState runs fn under the state lock, then writes the reply it returned.
func (s *Server) withState(w http.ResponseWriter, fn func() reply) {
	s.mu.Lock()
	answer := fn()
	s.mu.Unlock()
	answer(w)
}

// replyJSON answers status with a JSON body.
func replyJSON(status int, v any) reply {
	return func(w http.ResponseWriter) { writeJSON(w, status, v) }
}

// replyStatus answers status without a body.
func replyStatus(status int) reply { //nolint:unparam // every route so far answers 204; the status stays explicit at the call site
	return func(w http.ResponseWriter) { w.WriteHeader(status) }
}

// replyError answers {code, message} with Logto's phrase for code.
func replyError(status int, code string) reply {
	return func(w http.ResponseWriter) { writeError(w, status, code) }
}

// replyNotExistsWithID answers 404 entity.not_exists_with_id for an id of a table.
func replyNotExistsWithID(table, id string) reply { //nolint:unparam // each API area passes its table
	return func(w http.ResponseWriter) { writeNotExistsWithID(w, table, id) }
}

// replyCommitted writes the state file and then answers with next, or 500 when writing failed.
func (s *Server) replyCommitted(next reply) reply {
	if err := s.commitLocked(); err != nil {
		return writeInternalError
	}
	return next
}
