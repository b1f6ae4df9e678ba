package framework

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
)

// maxCanonicalDigits bounds the digits a number may expand to when written
// without an exponent; a longer number (1e400 and beyond) keeps its literal
// text, so that a hostile exponent cannot make canonicalization allocate
// without bound.
const maxCanonicalDigits = 400

// CanonicalizeJSON returns the JSON text raw in canonical form, the form
// Terraform's jsonencode() writes:
//
//   - object keys sorted by their bytes, at every depth (Logto stores JSON in
//     PostgreSQL jsonb and answers with jsonb's key order: shorter keys first);
//   - no insignificant whitespace;
//   - numbers keep their exact value — they are never rounded through float64 —
//     and are written in plain decimal notation without trailing zeros:
//     1.50 becomes 1.5, 1e3 becomes 1000, 12345678901234567890 stays as it is;
//   - strings escaped as Go's encoding/json (and so jsonencode) escapes them.
//
// Storing this form in the state means that Logto's key order and spacing
// never show as a diff after an import or a refresh, because the state then
// holds what jsonencode() in the configuration produces.
func CanonicalizeJSON(raw []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", fmt.Errorf("invalid JSON: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return "", errors.New("invalid JSON: unexpected data after the top-level value")
	}
	out, err := json.Marshal(canonicalNumbers(v))
	if err != nil {
		return "", fmt.Errorf("invalid JSON: %w", err)
	}
	return string(out), nil
}

// canonicalNumbers rewrites every number of a decoded JSON value into
// canonical notation; maps are sorted by json.Marshal.
func canonicalNumbers(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = canonicalNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = canonicalNumbers(e)
		}
	case json.Number:
		return json.Number(canonicalNumber(string(x)))
	}
	return v
}

// canonicalNumber writes a JSON number literal in plain decimal notation with
// its exact value: no exponent, no trailing fractional zeros, no "-0".
func canonicalNumber(lit string) string {
	mantissa, exp := lit, 0
	if i := strings.IndexAny(lit, "eE"); i >= 0 {
		e, err := strconv.Atoi(strings.TrimPrefix(lit[i+1:], "+"))
		if err != nil {
			return lit // an exponent beyond int: keep the literal
		}
		mantissa, exp = lit[:i], e
	}
	intPart, frac, _ := strings.Cut(strings.TrimPrefix(mantissa, "-"), ".")
	if exp > maxCanonicalDigits || exp < -maxCanonicalDigits || len(intPart)+len(frac) > maxCanonicalDigits {
		return lit
	}
	r, ok := new(big.Rat).SetString(lit)
	if !ok {
		return lit
	}
	if r.IsInt() {
		return r.Num().String()
	}
	// A decimal literal has at most len(frac)-exp fractional digits.
	s := r.FloatString(len(frac) - exp)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// jsonSemanticallyEqual reports whether two JSON texts have the same
// canonical form. Text that is not valid JSON equals only itself.
func jsonSemanticallyEqual(a, b string) bool {
	if a == b {
		return true
	}
	ca, errA := CanonicalizeJSON([]byte(a))
	cb, errB := CanonicalizeJSON([]byte(b))
	return errA == nil && errB == nil && ca == cb
}
