package emulator

import (
	"fmt"
	"regexp"
	"strings"
)

// More of zod 3.24, for the sign-in experience guards: string checks (regex, email), strict
// objects, custom refinements with a message, native enums and required booleans.

// invalidRegex is the issue of a failed .regex() check.
func (z *zodIssues) invalidRegex(p path) {
	z.add(p, "invalid_string", "Invalid", true, ordered{{"validation", "regex"}, {"code", "invalid_string"}})
}

// invalidEmail is the issue of a failed .email() check.
func (z *zodIssues) invalidEmail(p path) {
	z.add(p, "invalid_string", "Invalid email", true, ordered{{"validation", "email"}, {"code", "invalid_string"}})
}

// unrecognizedKeys is the issue of a .strict() object with unknown keys.
func (z *zodIssues) unrecognizedKeys(p path, keys []string) {
	quoted := make([]string, len(keys))
	list := make([]any, len(keys))
	for i, k := range keys {
		quoted[i] = "'" + k + "'"
		list[i] = k
	}
	message := "Unrecognized key(s) in object: " + strings.Join(quoted, ", ")
	z.add(p, "unrecognized_keys", message, false, ordered{{"code", "unrecognized_keys"}, {"keys", list}})
}

// customMessage is the issue of a failed .refine() with a message.
func (z *zodIssues) customMessage(p path, message string) {
	z.add(p, "custom", message, true, ordered{{"code", "custom"}})
}

// requiredBool validates a required z.boolean().
func (z *zodIssues) requiredBool(f field) (bool, bool) {
	if !f.present {
		z.invalidType(f.p, "boolean", "undefined")
		return false, false
	}
	b := z.boolean(f)
	if b == nil {
		return false, false
	}
	return *b, true
}

// nativeEnum validates z.nativeEnum() of a string enum; absent values are an issue only when
// required.
func (z *zodIssues) nativeEnum(f field, options []string, required bool) *string {
	if !f.present {
		if required {
			z.invalidTypeEnum(f.p, options, "undefined")
		}
		return nil
	}
	s, isString := f.value.(string)
	_, isNumber := f.value.(float64)
	switch {
	case isString && contains(options, s):
		return &s
	case isString || isNumber:
		z.invalidEnumValue(f.p, f.value, options)
	default:
		z.invalidTypeEnum(f.p, options, zodType(f.value, true))
	}
	return nil
}

// enumArray validates z.nativeEnum().array(); ok is false when there was an issue.
func (z *zodIssues) enumArray(f field, options []string) ([]string, bool) {
	list, isList := f.value.([]any)
	if !isList {
		z.invalidType(f.p, "array", zodType(f.value, f.present))
		return nil, false
	}
	out := make([]string, 0, len(list))
	ok := true
	for i, item := range list {
		v := z.nativeEnum(field{p: f.p.with(i), value: item, present: true}, options, true)
		if v == nil {
			ok = false
			continue
		}
		out = append(out, *v)
	}
	return out, ok
}

// zodEmail is zod 3.24's email pattern without its two look-aheads (no leading dot, no "..").
var zodEmail = regexp.MustCompile(`(?i)^([A-Z0-9_'+\-.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9\-]*\.)+[A-Z]{2,}$`)

// isZodEmail reports whether zod's .email() accepts s.
func isZodEmail(s string) bool {
	return !strings.HasPrefix(s, ".") && !strings.Contains(s, "..") && zodEmail.MatchString(s)
}

// isZodURL reports whether zod's .url() (new URL(s) succeeds) accepts s.
func isZodURL(s string) bool {
	_, ok := parseURLScheme(s)
	return ok
}

// stringOrEmpty validates `string().<check>().optional().nullable().or(literal(”))`: it returns
// the value to store (nil for null and for ""), whether the value was valid, and reports the
// issues zod's union reports.
func (z *zodIssues) stringOrEmpty(f field, valid func(string) bool, report func(path)) (*string, bool) {
	switch v := f.value.(type) {
	case nil:
		return nil, true
	case string:
		if v == "" {
			return nil, true
		}
		if !valid(v) {
			report(f.p)
			return nil, false
		}
		return &v, true
	default:
		asString, asEmpty := &zodIssues{}, &zodIssues{}
		asString.invalidType(f.p, "string", zodType(v, true))
		asEmpty.invalidLiteral(f.p, "", v)
		z.invalidUnion(f.p, asString, asEmpty)
		return nil, false
	}
}

// invalidLiteralValue reports a value other than a boolean or number literal.
func (z *zodIssues) invalidLiteralValue(p path, expected, received any) {
	raw, _ := marshalNoEscape(expected)
	message := fmt.Sprintf("Invalid literal value, expected %s", raw)
	z.add(p, "invalid_literal", message, false, ordered{{"received", received}, {"code", "invalid_literal"}, {"expected", expected}})
}
