package logto

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestParseErrorBody(t *testing.T) {
	tests := []struct {
		name                   string
		status                 int
		body                   string
		code, message, details string
		hasData                bool
		text                   string
	}{
		{
			name:    "not found",
			status:  404,
			body:    "{\"code\":\"entity.not_exists_with_id\",\"message\":\"The applications with ID `x` does not exist.\"}",
			code:    "entity.not_exists_with_id",
			message: "The applications with ID `x` does not exist.",
			text:    "GET /api/applications/x: 404 entity.not_exists_with_id: The applications with ID `x` does not exist.",
		},
		{
			name:    "guard error",
			status:  400,
			body:    `{"code":"guard.invalid_input","data":{"issues":[{"code":"invalid_type","path":["name"]}],"name":"ZodError"},"details":"Error in key path \"name\": (invalid_type) Expected string but received undefined.\nError in key path \"type\": Required","message":"The request body is invalid."}`,
			code:    "guard.invalid_input",
			message: "The request body is invalid.",
			details: "Error in key path \"name\": (invalid_type) Expected string but received undefined.\nError in key path \"type\": Required",
			hasData: true,
			text:    `GET /api/applications/x: 400 guard.invalid_input: The request body is invalid. (Error in key path "name": (invalid_type) Expected string but received undefined.; Error in key path "type": Required)`,
		},
		{
			name:    "message only",
			status:  400,
			body:    `{"message":"Unexpected end of JSON input"}`,
			message: "Unexpected end of JSON input",
			text:    "GET /api/applications/x: 400: Unexpected end of JSON input",
		},
		{
			name:    "not JSON",
			status:  502,
			body:    "<html>\n  <body>Bad   gateway</body>\n</html>\n",
			message: "<html> <body>Bad gateway</body> </html>",
			text:    "GET /api/applications/x: 502: <html> <body>Bad gateway</body> </html>",
		},
		{
			name:    "empty body",
			status:  503,
			body:    "",
			message: "Service Unavailable",
			text:    "GET /api/applications/x: 503: Service Unavailable",
		},
		{
			name:    "JSON without code or message",
			status:  500,
			body:    `{"foo":1}`,
			message: "Internal Server Error",
			text:    "GET /api/applications/x: 500: Internal Server Error",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := parseErrorBody(http.MethodGet, "/api/applications/x", tt.status, []byte(tt.body))
			if e.StatusCode != tt.status || e.Code != tt.code || e.Message != tt.message || e.Details != tt.details {
				t.Errorf("got %d %q %q %q", e.StatusCode, e.Code, e.Message, e.Details)
			}
			if (len(e.Data) > 0) != tt.hasData {
				t.Errorf("data = %s", e.Data)
			}
			if got := e.Error(); got != tt.text {
				t.Errorf("Error() =\n%s\nwant\n%s", got, tt.text)
			}
		})
	}
}

func TestParseErrorBody_LongPlainBodyIsTrimmed(t *testing.T) {
	e := parseErrorBody(http.MethodGet, "/api/x", 502, []byte(strings.Repeat("a", 5000)))
	if n := len([]rune(e.Message)); n != maxPlainMessage+1 || !strings.HasSuffix(e.Message, "…") {
		t.Errorf("message of %d runes: %q…", n, e.Message[:20])
	}
}

func TestErrorHelpers(t *testing.T) {
	base := &Error{Method: "GET", Path: "/api/x", StatusCode: 404, Code: "entity.not_found"}
	wrapped := fmt.Errorf("reading: %w", base)
	if !IsNotFound(wrapped) || !IsStatus(wrapped, 404) || IsStatus(wrapped, 400) {
		t.Error("IsNotFound/IsStatus on a wrapped 404")
	}
	if e, ok := AsError(wrapped); !ok || e != base {
		t.Error("AsError did not find the *Error")
	}
	plain := errors.New("boom")
	if IsNotFound(plain) || IsNotFound(nil) {
		t.Error("IsNotFound on a non-*Error")
	}
	if _, ok := AsError(plain); ok {
		t.Error("AsError on a non-*Error")
	}
}

func TestErrorFromServer_NotFound(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusNotFound, "{\"code\":\"entity.not_exists_with_id\",\"message\":\"The applications with ID `gone` does not exist.\"}")
	})
	_, err := f.client(t).GetApplication(t.Context(), "gone")
	if !IsNotFound(err) {
		t.Fatalf("error = %v, want 404", err)
	}
	e, _ := AsError(err)
	if e.Method != "GET" || e.Path != "/api/applications/gone" || e.Code != "entity.not_exists_with_id" ||
		e.Message != "The applications with ID `gone` does not exist." {
		t.Errorf("error = %+v", e)
	}
	if got := f.apiCalls.Load(); got != 1 {
		t.Errorf("attempts = %d, want 1", got)
	}
}

func TestErrorFromServer_GuardDetails(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusBadRequest, `{"code":"guard.invalid_input","data":{"issues":[]},"details":"Error in key path \"oidcClientMetadata.redirectUris.0\": (custom) Invalid input","message":"The request body is invalid."}`)
	})
	_, err := f.client(t).UpdateApplication(t.Context(), "a1", ApplicationPatch{
		OIDCClientMetadata: &OIDCClientMetadata{RedirectURIs: []string{"ftp//bad"}},
	})
	e, ok := AsError(err)
	if !ok || e.StatusCode != 400 || e.Code != "guard.invalid_input" {
		t.Fatalf("error = %v", err)
	}
	want := `PATCH /api/applications/a1: 400 guard.invalid_input: The request body is invalid. (Error in key path "oidcClientMetadata.redirectUris.0": (custom) Invalid input)`
	if e.Error() != want {
		t.Errorf("Error() = %s", e.Error())
	}
}
