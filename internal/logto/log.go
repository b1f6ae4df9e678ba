package logto

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logAttempt logs one HTTP attempt at DEBUG level. Only the method, the URL
// path, the status, the attempt number, the duration and a transport error
// are logged: never headers (Authorization), tokens, the client secret, the
// query string or any request or response body (application secrets come
// back in bodies).
func logAttempt(ctx context.Context, method, path string, attempt, status int, err error, took time.Duration) {
	fields := map[string]any{
		"api_method":      method,
		"api_path":        path,
		"api_attempt":     attempt,
		"api_duration_ms": took.Milliseconds(),
	}
	if status != 0 {
		fields["api_status"] = status
	}
	if err != nil {
		fields["api_error"] = err.Error()
	}
	tflog.Debug(ctx, "Logto API request", fields)
}
