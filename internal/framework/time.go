package framework

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
)

// TimeFromMillis turns Logto's epoch-millisecond timestamps into RFC 3339
// values in UTC, keeping the milliseconds ("2026-11-21T14:48:04.158Z").
func TimeFromMillis(ms int64) timetypes.RFC3339 {
	return timetypes.NewRFC3339ValueMust(time.UnixMilli(ms).UTC().Format(time.RFC3339Nano))
}
