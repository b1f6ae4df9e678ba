package framework

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// AddAPIError adds an error diagnostic for a failed Management API call.
// summary names the operation and the object, in Title Case ("Unable to
// Create Logto Application"); the detail carries Logto's status, code and
// message and says what to do next.
func AddAPIError(diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, ErrorDetail(err))
}

// ErrorDetail explains err in full sentences for a diagnostic's detail.
func ErrorDetail(err error) string {
	var b strings.Builder
	apiErr, ok := logto.AsError(err)
	switch {
	case ok:
		fmt.Fprintf(&b, "Logto answered HTTP %d", apiErr.StatusCode)
		if apiErr.Code != "" {
			fmt.Fprintf(&b, " with error code %q", apiErr.Code)
		}
		fmt.Fprintf(&b, " to %s %s.", apiErr.Method, apiErr.Path)
		if apiErr.Message != "" {
			fmt.Fprintf(&b, "\n\nMessage: %s", apiErr.Message)
		}
		if apiErr.Details != "" {
			fmt.Fprintf(&b, "\nDetails: %s", apiErr.Details)
		}
		if hint := hintFor(apiErr); hint != "" {
			b.WriteString("\n\n" + hint)
		}
	case errors.Is(err, context.DeadlineExceeded):
		fmt.Fprintf(&b, "The request to Logto timed out: %s.\n\nRaise the provider's request_timeout or "+
			"the resource's timeouts, or check that the Logto server is healthy.", err)
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(&b, "The request to Logto was cancelled: %s.", err)
	default:
		fmt.Fprintf(&b, "The request to Logto failed: %s.", err)
		var netErr net.Error
		if errors.As(err, &netErr) || strings.Contains(err.Error(), "connection refused") {
			b.WriteString("\n\nCheck that the provider's endpoint is right and the Logto server is reachable from here.")
		}
	}
	return b.String()
}

func hintFor(e *logto.Error) string {
	switch {
	case e.Code == "oidc.invalid_client":
		return "The provider could not authenticate. Check client_id and client_secret (or LOGTO_CLIENT_ID " +
			"and LOGTO_CLIENT_SECRET): they must belong to a machine-to-machine application of this tenant."
	case e.Code == "oidc.invalid_target":
		return "Logto does not know the requested resource indicator. Set the provider's resource (or " +
			"LOGTO_RESOURCE): https://default.logto.app/api for self-hosted Logto, " +
			"https://<tenant-id>.logto.app/api on Logto Cloud."
	case e.StatusCode == 401 || e.StatusCode == 403:
		return "The machine-to-machine application needs the \"Logto Management API access\" role. " +
			"Assign it in the Logto Console (Applications > your app > Roles) and try again."
	case e.StatusCode == 429:
		return "Logto is rate limiting this provider. Lower the provider's rate_limit or run with fewer " +
			"parallel operations (terraform apply -parallelism=2)."
	case e.StatusCode >= 500:
		return "This is a server-side failure; retrying later may help. If it persists, check the Logto server logs."
	case e.StatusCode == 400 || e.StatusCode == 422:
		return "Logto rejected the values sent. Correct the configuration and apply again."
	}
	return ""
}
