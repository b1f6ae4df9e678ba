package logging

import (
	"context"
	"regexp"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tfsdklog"
)

// ProtoSubsystem is the tfsdklog subsystem of terraform-plugin-go's protocol
// lines ("sdk.proto").
const ProtoSubsystem = "proto"

// Secrets is the set of values that must never appear in a log line: the
// client secret and every access token the provider's client has obtained.
// It only grows. It is safe for concurrent use; a nil *Secrets is an empty
// set that ignores Add.
type Secrets struct {
	mu     sync.RWMutex
	values []string
}

// Add puts v into the set; empty and known values are ignored.
func (s *Secrets) Add(v string) {
	if s == nil || v == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !slices.Contains(s.values, v) {
		s.values = append(s.values, v)
	}
}

// Values returns a copy of the set, in the order the values were added.
func (s *Secrets) Values() []string {
	if s == nil {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.values)
}

// JWT matches a JSON Web Token (header and payload are base64url JSON, so
// both start with "eyJ"). Logto issues its Management API access tokens as
// JWTs.
var JWT = regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*`)

// Mask returns ctx with every value of the set, and anything shaped like a
// JWT, masked ("***") in messages and string field values of the provider
// logger (tflog), the SDK root logger and the protocol subsystem (tfsdklog).
//
// The values are those known now: a value added later is masked in contexts
// made after it was added. So in the RPC during which the client obtains a
// token, the lines written after that are masked for it only by its shape
// (JWT); Logto's tokens have that shape, and so do the emulator's.
//
// Not covered: the framework's own subsystem ("sdk.framework"), which
// terraform-plugin-framework creates afresh, without masks, inside each RPC,
// and the lines terraform-plugin-go's server writes around the call (request
// received, diagnostics returned), which use its own context. Neither logs
// attribute values or anything the provider's client holds.
func (s *Secrets) Mask(ctx context.Context) context.Context {
	ctx = tflog.MaskLogRegexes(ctx, JWT)
	ctx = tfsdklog.MaskLogRegexes(ctx, JWT)
	ctx = tfsdklog.SubsystemMaskLogRegexes(ctx, ProtoSubsystem, JWT)
	values := s.Values()
	if len(values) == 0 {
		return ctx
	}
	ctx = tflog.MaskLogStrings(ctx, values...)
	ctx = tfsdklog.MaskLogStrings(ctx, values...)
	return tfsdklog.SubsystemMaskLogStrings(ctx, ProtoSubsystem, values...)
}

type secretsKey struct{}

// NewContext returns ctx carrying s, for code that adds secrets to it (the
// provider's Configure).
func NewContext(ctx context.Context, s *Secrets) context.Context {
	return context.WithValue(ctx, secretsKey{}, s)
}

// FromContext returns the Secrets that ctx carries, or nil.
func FromContext(ctx context.Context) *Secrets {
	s, _ := ctx.Value(secretsKey{}).(*Secrets)
	return s
}
