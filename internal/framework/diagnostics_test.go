package framework

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

func TestErrorDetail(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		err  error
		want []string
	}{
		{"guard error", &logto.Error{Method: "POST", Path: "/api/applications", StatusCode: 400, Code: "guard.invalid_input",
			Message: "The request body is invalid.", Details: `Error in key path "name": Required`},
			[]string{"HTTP 400", `"guard.invalid_input"`, "POST /api/applications", "The request body is invalid.", `key path "name"`, "Correct the configuration"}},
		{"bad credentials", &logto.Error{Method: "POST", Path: "/oidc/token", StatusCode: 401, Code: "oidc.invalid_client"},
			[]string{`"oidc.invalid_client"`, "Check client_id and client_secret"}},
		{"unknown resource", &logto.Error{StatusCode: 400, Code: "oidc.invalid_target"},
			[]string{"https://default.logto.app/api", "https://<tenant-id>.logto.app/api"}},
		{"missing role", &logto.Error{StatusCode: 403, Code: "auth.forbidden"},
			[]string{"Logto Management API access"}},
		{"rate limited", &logto.Error{StatusCode: 429, Code: "request.rate_limited"}, []string{"rate_limit"}},
		{"server error", &logto.Error{StatusCode: 503}, []string{"HTTP 503", "server-side"}},
		{"timeout", fmt.Errorf("GET /api/applications/x: %w", context.DeadlineExceeded), []string{"timed out", "timeouts"}},
		{"refused", errors.New("dial tcp 127.0.0.1:9: connect: connection refused"), []string{"endpoint is right"}},
	} {
		got := ErrorDetail(tc.err)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: detail %q lacks %q", tc.name, got, w)
			}
		}
	}
}
