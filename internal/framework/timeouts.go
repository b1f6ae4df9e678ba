package framework

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// DefaultTimeout bounds an operation whose configuration sets no timeouts;
// the client's retries with backoff happen within it.
const DefaultTimeout = 5 * time.Minute

// WithTimeout returns ctx bounded by an operation's timeout, read with one of
// the timeouts.Value methods (Create, Read, Update, Delete):
//
//	ctx, cancel := framework.WithTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
//	defer cancel()
func WithTimeout(ctx context.Context, timeout func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	d, dd := timeout(ctx, DefaultTimeout)
	diags.Append(dd...)
	if dd.HasError() {
		d = DefaultTimeout
	}
	return context.WithTimeout(ctx, d)
}
