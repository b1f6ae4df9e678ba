package emulator

import (
	"bytes"
	"io"
	"net/http"
)

// bufferedAnswer is a ResponseWriter that keeps the handler's answer in memory, so an after
// fault can delay it, drop it or replace it once the handler has acted.
type bufferedAnswer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newBufferedAnswer() *bufferedAnswer {
	return &bufferedAnswer{header: http.Header{}}
}

// Header returns the answer's headers.
func (b *bufferedAnswer) Header() http.Header { return b.header }

// WriteHeader records the status; later calls are ignored, as net/http does.
func (b *bufferedAnswer) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

// Write buffers body bytes, implying 200 when no status was set.
func (b *bufferedAnswer) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}

// writeTo sends the buffered answer.
func (b *bufferedAnswer) writeTo(w http.ResponseWriter) {
	for k, values := range b.header {
		w.Header()[k] = values
	}
	status := b.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(b.body.Bytes())
}

// serveWithAfterFault runs handler into a buffer, then applies the after fault f: Delay, then
// Drop, else Status replacing the answer, else the real answer.
func serveWithAfterFault(w http.ResponseWriter, r *http.Request, handler http.HandlerFunc, f Fault) {
	buffered := newBufferedAnswer()
	handler(buffered, r)
	if f.Delay > 0 {
		// Read what the handler left of the body, so net/http can notice a client that hangs up
		// during the delay (it cancels the context only once the body is consumed).
		_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, maxBodyBytes))
		if !sleep(r, f.Delay) {
			return
		}
	}
	switch {
	case f.Drop:
		dropConnection(w)
	case f.Status != 0:
		writeFaultStatus(w, f)
	default:
		buffered.writeTo(w)
	}
}
