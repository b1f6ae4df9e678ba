package logto

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

// maxErrorBody is how much of an error answer is read.
const maxErrorBody = 64 << 10

// maxPlainMessage is how long a message taken from a non-JSON body may be.
const maxPlainMessage = 300

// Error is a non-2xx answer of the Logto server: the Management API or the
// token endpoint.
type Error struct {
	// Method and Path identify the request; Path has no query string.
	Method string
	Path   string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is Logto's error code, e.g. "entity.not_exists_with_id" or
	// "oidc.invalid_client"; empty when the body had none.
	Code string
	// Message is Logto's message, or the trimmed body when it was not a Logto
	// error, or the status text when the body was empty.
	Message string
	// Details is Logto's "details" field (guard errors list the invalid keys
	// there), or the OAuth error_description of token endpoint errors.
	Details string
	// Data is Logto's "data" field as sent, when present.
	Data json.RawMessage
}

// Error formats the error as
// `METHOD PATH: STATUS CODE: Message (Details)`. It never includes request
// bodies, headers or credentials.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d", e.Method, e.Path, e.StatusCode)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.Details != "" {
		b.WriteString(" (" + strings.ReplaceAll(strings.TrimSpace(e.Details), "\n", "; ") + ")")
	}
	return b.String()
}

// AsError returns the *Error in err's chain, if any.
func AsError(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// IsStatus reports whether err is (or wraps) an *Error with the given HTTP status.
func IsStatus(err error, status int) bool {
	e, ok := AsError(err)
	return ok && e.StatusCode == status
}

// IsNotFound reports whether err is (or wraps) an *Error with status 404.
// Logto answers 404 with entity.not_exists_with_id, entity.not_found or
// entity.not_exists depending on the route.
func IsNotFound(err error) bool {
	return IsStatus(err, http.StatusNotFound)
}

// errorFromResponse reads a non-2xx answer into an *Error. It does not close
// the body.
func errorFromResponse(method, path string, resp *http.Response) *Error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	return parseErrorBody(method, path, resp.StatusCode, body)
}

// errorBody is Logto's error shape, plus the OAuth fields of token errors.
type errorBody struct {
	Code             string          `json:"code"`
	Message          string          `json:"message"`
	Details          json.RawMessage `json:"details"`
	Data             json.RawMessage `json:"data"`
	Error            string          `json:"error"`
	ErrorDescription string          `json:"error_description"`
}

func parseErrorBody(method, path string, status int, body []byte) *Error {
	e := &Error{Method: method, Path: path, StatusCode: status}
	var b errorBody
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Unmarshal(trimmed, &b) == nil {
		e.Code = b.Code
		e.Message = b.Message
		e.Details = rawText(b.Details)
		if len(b.Data) > 0 && !bytes.Equal(b.Data, []byte("null")) {
			e.Data = b.Data
		}
		if e.Code == "" && b.Error != "" {
			e.Code = b.Error
		}
		if e.Details == "" && b.ErrorDescription != "" {
			e.Details = b.ErrorDescription
		}
	} else {
		e.Message = plainMessage(trimmed)
	}
	if e.Message == "" && e.Code == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

// rawText renders a JSON value as text: strings unquoted, anything else compact.
func rawText(raw json.RawMessage) string {
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) == nil {
		return buf.String()
	}
	return string(raw)
}

// plainMessage collapses whitespace and shortens a non-JSON body.
func plainMessage(body []byte) string {
	if !utf8.Valid(body) {
		return ""
	}
	msg := strings.Join(strings.Fields(string(body)), " ")
	if utf8.RuneCountInString(msg) > maxPlainMessage {
		msg = string([]rune(msg)[:maxPlainMessage]) + "…"
	}
	return msg
}
