// Package validators holds attribute validators shared by more than one
// resource. Each catches at plan time what the Logto Management API would
// otherwise reject at apply time.
package validators
