package emulator

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
)

// This file re-creates the parts of zod 3.24 that shape Logto's 400 answers: issue objects (with
// zod's key order), their messages, and the "details" lines Logto derives from them.

// path is a zod issue path: object keys (string) and array indexes (int).
type path []any

func (p path) with(elem any) path {
	out := make(path, len(p), len(p)+1)
	copy(out, p)
	return append(out, elem)
}

func (p path) dotted() string {
	parts := make([]string, len(p))
	for i, elem := range p {
		parts[i] = fmt.Sprint(elem)
	}
	return strings.Join(parts, ".")
}

// zodIssues collects issues in the order zod reports them.
type zodIssues struct {
	issues  []ordered
	details []string
}

func (z *zodIssues) empty() bool { return len(z.issues) == 0 }

// zodError is the ZodError as JSON.stringify renders it inside Logto's error body.
func (z *zodIssues) zodError() ordered {
	issues := make([]any, len(z.issues))
	for i, issue := range z.issues {
		issues[i] = issue
	}
	return ordered{{"issues", issues}, {"name", "ZodError"}}
}

// add appends an issue: head holds the fields zod sets before path and message; when
// messageFirst is set, "message" comes before "path" (zod keeps the position of a message key
// that was present, even if undefined, in the issue data).
func (z *zodIssues) add(p path, code, message string, messageFirst bool, head ordered) {
	issue := append(ordered{}, head...)
	pathJSON := make([]any, len(p))
	copy(pathJSON, p)
	if messageFirst {
		issue = append(issue, kv{"message", message}, kv{"path", pathJSON})
	} else {
		issue = append(issue, kv{"path", pathJSON}, kv{"message", message})
	}
	z.issues = append(z.issues, issue)
	z.details = append(z.details, fmt.Sprintf("Error in key path %q: (%s) %s", p.dotted(), code, message))
}

// invalidType reports a value of the wrong type ("Required" when it is missing).
func (z *zodIssues) invalidType(p path, expected, received string) {
	message := "Required"
	if received != "undefined" {
		message = fmt.Sprintf("Expected %s, received %s", expected, received)
	}
	z.add(p, "invalid_type", message, false, ordered{{"code", "invalid_type"}, {"expected", expected}, {"received", received}})
	z.fixInvalidTypeDetail(expected, received)
}

// invalidTypeEnum is nativeEnum's invalid_type issue, whose keys come in another order.
func (z *zodIssues) invalidTypeEnum(p path, options []string, received string) {
	expected := joinOptions(options)
	message := "Required"
	if received != "undefined" {
		message = fmt.Sprintf("Expected %s, received %s", expected, received)
	}
	z.add(p, "invalid_type", message, false, ordered{{"expected", expected}, {"received", received}, {"code", "invalid_type"}})
	z.fixInvalidTypeDetail(expected, received)
}

// fixInvalidTypeDetail rewrites the last detail line the way Logto's formatZodError does for
// invalid_type issues.
func (z *zodIssues) fixInvalidTypeDetail(expected, received string) {
	last := len(z.details) - 1
	prefix, _, _ := strings.Cut(z.details[last], "(invalid_type)")
	z.details[last] = fmt.Sprintf("%s(invalid_type) Expected %s but received %s.", prefix, expected, received)
}

// invalidEnumValue reports a string outside an enum.
func (z *zodIssues) invalidEnumValue(p path, received any, options []string) {
	message := fmt.Sprintf("Invalid enum value. Expected %s, received '%v'", joinOptions(options), received)
	opts := make([]any, len(options))
	for i, option := range options {
		opts[i] = option
	}
	z.add(p, "invalid_enum_value", message, false, ordered{{"received", received}, {"code", "invalid_enum_value"}, {"options", opts}})
}

// custom is the issue of a failed .refine() without a message.
func (z *zodIssues) custom(p path) {
	z.add(p, "custom", "Invalid input", true, ordered{{"code", "custom"}})
}

func (z *zodIssues) tooSmallString(p path, minimum int) {
	z.add(p, "too_small", fmt.Sprintf("String must contain at least %d character(s)", minimum), true,
		ordered{{"code", "too_small"}, {"minimum", minimum}, {"type", "string"}, {"inclusive", true}, {"exact", false}})
}

func (z *zodIssues) tooBigString(p path, maximum int) {
	z.add(p, "too_big", fmt.Sprintf("String must contain at most %d character(s)", maximum), true,
		ordered{{"code", "too_big"}, {"maximum", maximum}, {"type", "string"}, {"inclusive", true}, {"exact", false}})
}

func (z *zodIssues) tooSmallNumber(p path, minimum float64, inclusive bool) {
	message := fmt.Sprintf("Number must be greater than %s", formatNumber(minimum))
	if inclusive {
		message = fmt.Sprintf("Number must be greater than or equal to %s", formatNumber(minimum))
	}
	z.add(p, "too_small", message, true,
		ordered{{"code", "too_small"}, {"minimum", minimum}, {"type", "number"}, {"inclusive", inclusive}, {"exact", false}})
}

func (z *zodIssues) tooBigNumber(p path, maximum float64) {
	z.add(p, "too_big", fmt.Sprintf("Number must be less than or equal to %s", formatNumber(maximum)), true,
		ordered{{"code", "too_big"}, {"maximum", maximum}, {"type", "number"}, {"inclusive", true}, {"exact", false}})
}

func (z *zodIssues) notInteger(p path) {
	z.add(p, "invalid_type", "Expected integer, received float", true,
		ordered{{"code", "invalid_type"}, {"expected", "integer"}, {"received", "float"}})
	z.fixInvalidTypeDetail("integer", "float")
}

func (z *zodIssues) invalidURL(p path) {
	z.add(p, "invalid_string", "Invalid url", true, ordered{{"validation", "url"}, {"code", "invalid_string"}})
}

func (z *zodIssues) invalidLiteral(p path, expected string, received any) {
	message := fmt.Sprintf("Invalid literal value, expected %q", expected)
	z.add(p, "invalid_literal", message, false, ordered{{"received", received}, {"code", "invalid_literal"}, {"expected", expected}})
}

// invalidUnion reports a union none of whose options matched; each option's issues become one
// nested ZodError.
func (z *zodIssues) invalidUnion(p path, options ...*zodIssues) {
	unionErrors := make([]any, len(options))
	for i, option := range options {
		unionErrors[i] = option.zodError()
	}
	z.add(p, "invalid_union", "Invalid input", false, ordered{{"code", "invalid_union"}, {"unionErrors", unionErrors}})
}

// zodType names a decoded JSON value the way zod's getParsedType does.
func zodType(v any, present bool) string {
	if !present {
		return "undefined"
	}
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	default:
		return "unknown"
	}
}

func joinOptions(options []string) string {
	quoted := make([]string, len(options))
	for i, option := range options {
		quoted[i] = "'" + option + "'"
	}
	return strings.Join(quoted, " | ")
}

func formatNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// jsLength is a string's length in UTF-16 code units, as JavaScript counts it.
func jsLength(s string) int {
	return len(utf16.Encode([]rune(s)))
}

// field is one key of a request object under validation.
type field struct {
	p       path
	value   any
	present bool
}

// fieldOf picks a key of an object.
func fieldOf(obj map[string]any, p path, key string) field {
	value, present := obj[key]
	return field{p: p.with(key), value: value, present: present}
}

// str validates z.string() with optional min/max (0 = none); nullable accepts null.
// It returns the value and whether one was given and valid.
func (z *zodIssues) str(f field, required, nullable bool, minimum, maximum int) (*string, bool) {
	if !f.present {
		if required {
			z.invalidType(f.p, "string", "undefined")
		}
		return nil, false
	}
	if f.value == nil && nullable {
		return nil, true
	}
	s, ok := f.value.(string)
	if !ok {
		z.invalidType(f.p, "string", zodType(f.value, true))
		return nil, false
	}
	valid := true
	if minimum > 0 && jsLength(s) < minimum {
		z.tooSmallString(f.p, minimum)
		valid = false
	}
	if maximum > 0 && jsLength(s) > maximum {
		z.tooBigString(f.p, maximum)
		valid = false
	}
	return &s, valid
}

// boolean validates an optional z.boolean().
func (z *zodIssues) boolean(f field) *bool {
	if !f.present {
		return nil
	}
	b, ok := f.value.(bool)
	if !ok {
		z.invalidType(f.p, "boolean", zodType(f.value, true))
		return nil
	}
	return &b
}

// numberRule holds the checks of a z.number() chain.
type numberRule struct {
	integer            bool
	minimum, maximum   *float64
	exclusiveMinimum   bool
	nullable, required bool
}

// number validates a z.number() chain; every check runs, as in zod.
func (z *zodIssues) number(f field, rule numberRule) *float64 {
	if !f.present {
		if rule.required {
			z.invalidType(f.p, "number", "undefined")
		}
		return nil
	}
	if f.value == nil && rule.nullable {
		return nil
	}
	n, ok := f.value.(float64)
	if !ok {
		z.invalidType(f.p, "number", zodType(f.value, true))
		return nil
	}
	valid := true
	if rule.integer && n != math.Trunc(n) {
		z.notInteger(f.p)
		valid = false
	}
	if rule.minimum != nil && (n < *rule.minimum || (rule.exclusiveMinimum && n == *rule.minimum)) {
		z.tooSmallNumber(f.p, *rule.minimum, !rule.exclusiveMinimum)
		valid = false
	}
	if rule.maximum != nil && n > *rule.maximum {
		z.tooBigNumber(f.p, *rule.maximum)
		valid = false
	}
	if !valid {
		return nil
	}
	return &n
}

// object checks that a present value is an object; it returns nil when it is not.
func (z *zodIssues) object(f field) map[string]any {
	obj, ok := f.value.(map[string]any)
	if !ok {
		z.invalidType(f.p, "object", zodType(f.value, f.present))
		return nil
	}
	return obj
}

// stringArray validates z.string()<checks>.array(); check reports per-element problems.
func (z *zodIssues) stringArray(f field, required bool, check func(p path, s string)) []string {
	if !f.present && !required {
		return nil
	}
	list, ok := f.value.([]any)
	if !ok {
		z.invalidType(f.p, "array", zodType(f.value, f.present))
		return nil
	}
	out := make([]string, 0, len(list))
	for i, item := range list {
		s, ok := item.(string)
		if !ok {
			z.invalidType(f.p.with(i), "string", zodType(item, true))
			continue
		}
		if check != nil {
			check(f.p.with(i), s)
		}
		out = append(out, s)
	}
	return out
}

func ptr[T any](v T) *T { return &v }
