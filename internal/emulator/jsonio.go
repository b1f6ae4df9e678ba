package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// maxBodyBytes caps request bodies (koa-body's default JSON limit is 1 MB).
const maxBodyBytes = 1 << 20

// kv is one key of an ordered JSON object.
type kv struct {
	k string
	v any
}

// ordered is a JSON object that keeps its keys in the given order. Logto's answers are built by
// JavaScript object spreads and zod parsing, so key order is part of what the samples show.
type ordered []kv

// MarshalJSON writes the keys in order.
func (o ordered) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, field := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		key, err := marshalNoEscape(field.k)
		if err != nil {
			return nil, err
		}
		buf.Write(key)
		buf.WriteByte(':')
		value, err := marshalNoEscape(field.v)
		if err != nil {
			return nil, err
		}
		buf.Write(value)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// JSONObject is a free-form JSON object (an application's customData). It marshals the way
// Logto answers such an object, at every depth:
//
//   - Logto keeps it in a PostgreSQL jsonb column, which hands objects back with their keys
//     ordered by length, then bytewise; the response guard (z.record) keeps that order. The
//     samples show it: 23-saml-applications.json sends attributeMapping {sub, email, name} and
//     gets {sub, name, email}, and 01-applications-traditional.json merges {extra} into
//     customData {team, tier} and gets {team, tier, extra}.
//   - node-postgres turns the jsonb text into a JavaScript object with JSON.parse, and
//     JavaScript objects list array-index keys ("0", "2", "10"; canonical integers up to
//     2^32-2) before all other keys, in numeric order. So {"b":1,"10":2,"2":3} comes back as
//     {"2":3,"10":2,"b":1}.
//   - Numbers are JavaScript doubles on the way in (koa-body's JSON.parse) and on the way out,
//     whatever jsonb's numeric keeps: 12345678901234567890 comes back as 12345678901234567000,
//     1.50 as 1.5, 1e21 as 1e+21, -0 as 0. The emulator decodes numbers as float64 and writes
//     them as encoding/json does (the shortest round-trip form, ES6 style), which gives the same
//     text, so it keeps numbers exactly as Logto does, no more.
//
// Objects that Logto's response guard describes key by key (oidcClientMetadata,
// customClientMetadata, protectedAppMetadata) are not JSONObjects: zod rebuilds them in the
// guard's key order, which the emulator's struct field order follows (01-applications-
// traditional.json sends customClientMetadata {rotateRefreshToken, alwaysIssueRefreshToken,
// refreshTokenTtlInDays} and gets {refreshTokenTtlInDays, alwaysIssueRefreshToken,
// rotateRefreshToken}, neither the order sent nor jsonb order).
type JSONObject map[string]any

// MarshalJSON writes the object as Logto answers it (see JSONObject).
func (o JSONObject) MarshalJSON() ([]byte, error) {
	if o == nil {
		return []byte("{}"), nil
	}
	var buf bytes.Buffer
	if err := writeJSONB(&buf, map[string]any(o)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// jsKeyLess orders the keys of an object read back from jsonb into JavaScript: array indexes
// first, by value, then the rest in jsonb order (shorter first, then bytewise).
func jsKeyLess(a, b string) bool {
	ai, aIndex := arrayIndex(a)
	bi, bIndex := arrayIndex(b)
	switch {
	case aIndex && bIndex:
		return ai < bi
	case aIndex != bIndex:
		return aIndex
	case len(a) != len(b):
		return len(a) < len(b)
	default:
		return a < b
	}
}

// arrayIndex reports whether key is an ECMAScript array index: the canonical decimal form of an
// integer from 0 to 2^32-2.
func arrayIndex(key string) (uint64, bool) {
	if key == "" || len(key) > 10 || (len(key) > 1 && key[0] == '0') {
		return 0, false
	}
	var n uint64
	for _, c := range []byte(key) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, n <= 1<<32-2
}

func writeJSONB(buf *bytes.Buffer, v any) error {
	switch value := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(value))
		for k := range value {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return jsKeyLess(keys[i], keys[j]) })
		buf.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			key, err := marshalNoEscape(k)
			if err != nil {
				return err
			}
			buf.Write(key)
			buf.WriteByte(':')
			if err := writeJSONB(buf, value[k]); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	case JSONObject:
		return writeJSONB(buf, map[string]any(value))
	case []any:
		buf.WriteByte('[')
		for i, item := range value {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := writeJSONB(buf, item); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case float64:
		if value == 0 {
			buf.WriteByte('0') // JSON.stringify(-0) is "0"
			return nil
		}
		out, err := marshalNoEscape(value)
		if err != nil {
			return err
		}
		buf.Write(out)
	default:
		out, err := marshalNoEscape(value)
		if err != nil {
			return err
		}
		buf.Write(out)
	}
	return nil
}

// cloneJSON deep-copies a decoded JSON value.
func cloneJSON(v any) any {
	switch value := v.(type) {
	case map[string]any:
		return cloneObject(value)
	case JSONObject:
		return JSONObject(cloneObject(value))
	case []any:
		out := make([]any, len(value))
		for i, item := range value {
			out[i] = cloneJSON(item)
		}
		return out
	default:
		return value
	}
}

// cloneObject deep-copies a decoded JSON object.
func cloneObject(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, item := range m {
		out[k] = cloneJSON(item)
	}
	return out
}

// marshalNoEscape marshals like JSON.stringify: no HTML escaping, no trailing newline.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// writeJSON answers with a JSON body and Logto's content type.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := marshalNoEscape(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"message":"Internal server error."}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// errBodyParse is a request body koa-body or JSON.parse rejects; Logto answers 400 {message}.
type errBodyParse struct{ message string }

// Error returns the message Logto puts in the 400 body.
func (e *errBodyParse) Error() string { return e.message }

// readBody reads a request body the way Logto's koa-body setup does: JSON bodies (strict: the
// top level must be an object or array; empty means {}), urlencoded forms as objects of strings,
// text as a string, and anything else (including no Content-Type) as {}.
func readBody(r *http.Request) (any, error) {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, &errBodyParse{message: "request aborted"}
	}
	if len(raw) > maxBodyBytes {
		return nil, &errBodyParse{message: "request entity too large"}
	}
	switch {
	case isJSONMediaType(mediaType):
		return parseStrictJSON(raw)
	case mediaType == "application/x-www-form-urlencoded":
		form := map[string]any{}
		for _, pair := range parseQueryOrdered(string(raw)) {
			if existing, ok := form[pair.k]; ok {
				switch list := existing.(type) {
				case []any:
					form[pair.k] = append(list, pair.v)
				default:
					form[pair.k] = []any{list, pair.v}
				}
				continue
			}
			form[pair.k] = pair.v
		}
		return form, nil
	case strings.HasPrefix(mediaType, "text/"):
		return string(raw), nil
	default:
		return map[string]any{}, nil
	}
}

func isJSONMediaType(mediaType string) bool {
	switch mediaType {
	case "application/json", "application/json-patch+json", "application/vnd.api+json",
		"application/csp-report", "application/scim+json":
		return true
	}
	return false
}

// parseStrictJSON mirrors co-body's strict JSON parsing and V8's JSON.parse messages (roughly).
func parseStrictJSON(raw []byte) (any, error) {
	if len(raw) == 0 {
		return map[string]any{}, nil
	}
	trimmed := bytes.TrimLeft(raw, " \t\n\r")
	if len(trimmed) == 0 || (trimmed[0] != '{' && trimmed[0] != '[') {
		return nil, &errBodyParse{message: "invalid JSON, only supports object and array"}
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		var syntax *json.SyntaxError
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end of JSON input"):
			return nil, &errBodyParse{message: "Unexpected end of JSON input"}
		case errors.As(err, &syntax) && syntax.Offset > 0 && int(syntax.Offset) <= len(raw):
			token := raw[syntax.Offset-1]
			return nil, &errBodyParse{message: fmt.Sprintf("Unexpected token '%c', %q is not valid JSON", token, snippet(raw))}
		default:
			return nil, &errBodyParse{message: "Unexpected token in JSON"}
		}
	}
	return v, nil
}

func snippet(raw []byte) string {
	const limit = 30
	if len(raw) <= limit {
		return string(raw)
	}
	return string(raw[:limit]) + "..."
}

// parseQueryOrdered parses a query string like Node's querystring: '+' is a space, every pair is
// kept in order (repeated keys included), undecodable escapes are kept as they are.
func parseQueryOrdered(raw string) []kvString {
	var out []kvString
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		key, value, _ := strings.Cut(part, "=")
		out = append(out, kvString{k: unescapeQuery(key), v: unescapeQuery(value)})
	}
	return out
}

// kvString is one decoded query pair.
type kvString struct{ k, v string }

func unescapeQuery(s string) string {
	decoded, err := url.QueryUnescape(s)
	if err != nil {
		return strings.ReplaceAll(s, "+", " ")
	}
	return decoded
}

// queryValues groups ordered pairs by key, in order of first appearance.
func queryValues(pairs []kvString) (keys []string, values map[string][]string) {
	values = map[string][]string{}
	for _, pair := range pairs {
		if _, ok := values[pair.k]; !ok {
			keys = append(keys, pair.k)
		}
		values[pair.k] = append(values[pair.k], pair.v)
	}
	return keys, values
}

// encodeForm encodes like URLSearchParams#toString: space as '+', only [A-Za-z0-9*-._] literal.
func encodeForm(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '*', c == '-', c == '.', c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
