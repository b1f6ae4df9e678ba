package logto

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
)

// OIDCClientMetadata is an application's oidcClientMetadata. Logto's PATCH
// replaces it as a whole, so fields this client does not model are kept in
// Extra and sent back unchanged.
type OIDCClientMetadata struct {
	// RedirectURIs is always encoded as an array, never null.
	RedirectURIs []string `json:"redirectUris"`
	// PostLogoutRedirectURIs is always encoded as an array, never null.
	PostLogoutRedirectURIs []string `json:"postLogoutRedirectUris"`
	// Extra holds every other field Logto returned (backchannelLogoutUri,
	// logoUri, …). Keys of the fields above are ignored here.
	Extra map[string]json.RawMessage `json:"-"`
}

// CustomClientMetadata is an application's customClientMetadata. Logto's
// PATCH replaces it as a whole; unknown fields are kept in Extra.
type CustomClientMetadata struct {
	CorsAllowedOrigins      []string `json:"corsAllowedOrigins,omitempty"`
	IDTokenTTL              *int64   `json:"idTokenTtl,omitempty"`
	RefreshTokenTTLInDays   *int64   `json:"refreshTokenTtlInDays,omitempty"`
	RotateRefreshToken      *bool    `json:"rotateRefreshToken,omitempty"`
	AlwaysIssueRefreshToken *bool    `json:"alwaysIssueRefreshToken,omitempty"`
	// Extra holds the fields this client does not model, preserved on round
	// trips. Keys of the fields above are ignored here.
	Extra map[string]json.RawMessage `json:"-"`
}

var (
	oidcClientMetadataKeys   = jsonKeys(reflect.TypeFor[OIDCClientMetadata]())
	customClientMetadataKeys = jsonKeys(reflect.TypeFor[CustomClientMetadata]())
	protectedAppMetadataKeys = jsonKeys(reflect.TypeFor[ProtectedAppMetadata]())
)

// MarshalJSON encodes the known fields over Extra; nil URI lists become [].
func (m OIDCClientMetadata) MarshalJSON() ([]byte, error) {
	type plain OIDCClientMetadata
	p := plain(m)
	if p.RedirectURIs == nil {
		p.RedirectURIs = []string{}
	}
	if p.PostLogoutRedirectURIs == nil {
		p.PostLogoutRedirectURIs = []string{}
	}
	return marshalWithExtra(p, m.Extra, oidcClientMetadataKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (m *OIDCClientMetadata) UnmarshalJSON(data []byte) error {
	type plain OIDCClientMetadata
	var p plain
	extra, err := unmarshalWithExtra(data, &p, oidcClientMetadataKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*m = OIDCClientMetadata(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (m CustomClientMetadata) MarshalJSON() ([]byte, error) {
	type plain CustomClientMetadata
	return marshalWithExtra(plain(m), m.Extra, customClientMetadataKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (m *CustomClientMetadata) UnmarshalJSON(data []byte) error {
	type plain CustomClientMetadata
	var p plain
	extra, err := unmarshalWithExtra(data, &p, customClientMetadataKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*m = CustomClientMetadata(p)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (m ProtectedAppMetadata) MarshalJSON() ([]byte, error) {
	type plain ProtectedAppMetadata
	return marshalWithExtra(plain(m), m.Extra, protectedAppMetadataKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others (pageRules,
// customDomains, …) in Extra.
func (m *ProtectedAppMetadata) UnmarshalJSON(data []byte) error {
	type plain ProtectedAppMetadata
	var p plain
	extra, err := unmarshalWithExtra(data, &p, protectedAppMetadataKeys)
	if err != nil {
		return err
	}
	p.Extra = extra
	*m = ProtectedAppMetadata(p)
	return nil
}

// marshalWithExtra encodes known (a struct without custom marshalling) and
// merges in the entries of extra whose keys are not among keys. Known fields
// win: an extra entry under a known key is dropped even when the known field
// is omitted.
func marshalWithExtra(known any, extra map[string]json.RawMessage, keys map[string]bool) ([]byte, error) {
	data, err := json.Marshal(known)
	if err != nil || len(extra) == 0 {
		return data, err
	}
	merged := make(map[string]json.RawMessage, len(extra)+len(keys))
	for k, v := range extra {
		if !keys[k] {
			merged[k] = v
		}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, err
	}
	for k, v := range fields {
		merged[k] = v
	}
	return json.Marshal(merged)
}

// unmarshalWithExtra decodes data into known and returns the object's other
// entries (nil when there are none, or when data is null).
func unmarshalWithExtra(data []byte, known any, keys map[string]bool) (map[string]json.RawMessage, error) {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return nil, nil
	}
	if err := json.Unmarshal(data, known); err != nil {
		return nil, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	for k := range keys {
		delete(all, k)
	}
	if len(all) == 0 {
		return nil, nil
	}
	return all, nil
}

// jsonKeys returns the JSON names of a struct's encoded fields.
func jsonKeys(t reflect.Type) map[string]bool {
	keys := map[string]bool{}
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		keys[name] = true
	}
	return keys
}

// Nullable is a PATCH field that is either left out (the zero value), set to
// a value, or set to JSON null. Tag it `json:",omitzero"` so that the zero
// value is left out; without omitzero it encodes as null.
type Nullable[T any] struct {
	value T
	state nullableState
}

type nullableState uint8

const (
	nullableOmitted nullableState = iota
	nullableValue
	nullableNull
)

// NullableValue returns a Nullable set to v.
func NullableValue[T any](v T) Nullable[T] { return Nullable[T]{value: v, state: nullableValue} }

// NullableNull returns a Nullable set to JSON null.
func NullableNull[T any]() Nullable[T] { return Nullable[T]{state: nullableNull} }

// NullableFromPointer returns a Nullable set to *p, or to null when p is nil.
func NullableFromPointer[T any](p *T) Nullable[T] {
	if p == nil {
		return NullableNull[T]()
	}
	return NullableValue(*p)
}

// IsZero reports whether the field is left out (used by `omitzero`).
func (n Nullable[T]) IsZero() bool { return n.state == nullableOmitted }

// IsNull reports whether the field is set to null.
func (n Nullable[T]) IsNull() bool { return n.state == nullableNull }

// Get returns the value and whether one is set (false when null or left out).
func (n Nullable[T]) Get() (T, bool) { return n.value, n.state == nullableValue }

// MarshalJSON encodes the value, or null when the field is null or left out.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.state != nullableValue {
		return []byte("null"), nil
	}
	return json.Marshal(n.value)
}

// UnmarshalJSON sets the field to null or to the decoded value. A key that is
// absent from the object leaves the field untouched (left out).
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		*n = NullableNull[T]()
		return nil
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*n = NullableValue(v)
	return nil
}
