package emulator

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Logto's `search` query parameters (packages/core/src/utils/search.ts), evaluated in memory.
//
//   - `search=<v>` matches any search field; `search.<field>=<v>` one field (for applications: id,
//     name, description; camelCase names are snake-cased first).
//   - The match mode comes from `mode.<field>=` or `mode=`: `like` (default), `exact`,
//     `similar_to` (case-sensitive only) or `posix`. `like` is SQL ILIKE with the value used as
//     the whole pattern, NOT wrapped in '%': `search=foo` matches "foo" or "FOO" but not
//     "foobar"; `search=foo%` matches names starting with foo, and `_` matches one character.
//   - `isCaseSensitive=true` turns ILIKE into LIKE and exact comparison case-sensitive.
//   - Several searches combine with `joint=` (or `jointMode=`) `or` (default) or `and`.
//
// Malformed searches (an empty value, an unknown mode or field) raise TypeErrors in Logto, which
// reach the client as 500 {"message":"Internal server error."}; errSearch stands for them.

var errSearch = errors.New("invalid search")

// searchMatch is one searched field with its mode and values.
type searchMatch struct {
	mode   string
	field  string // "" = every search field
	values []string
}

// search is a parsed set of search parameters.
type search struct {
	matches       []searchMatch
	and           bool
	caseSensitive bool
}

var searchModes = map[string]bool{"exact": true, "like": true, "similar_to": true, "posix": true}

// parseSearch reads the search parameters from the ordered query pairs.
func parseSearch(pairs []kvString) (search, error) {
	_, values := queryValues(pairs)
	first := func(key string) (string, bool) {
		if v, ok := values[key]; ok {
			return v[0], true
		}
		return "", false
	}
	out := search{}
	joint, ok := first("joint")
	if !ok {
		joint, _ = first("jointMode")
	}
	switch joint {
	case "", "or":
	case "and":
		out.and = true
	default:
		return out, errSearch
	}
	if v, ok := first("isCaseSensitive"); ok {
		out.caseSensitive = contains([]string{"1", "true", "y", "yes", "yep", "yeah"}, strings.ToLower(v))
	}

	modes := map[string]string{}
	var order []string
	fieldValues := map[string][]string{}
	for _, pair := range pairs {
		isMode, isSearch := strings.HasPrefix(pair.k, "mode"), strings.HasPrefix(pair.k, "search")
		if !isMode && !isSearch {
			continue
		}
		segments := strings.Split(pair.k, ".")
		if len(segments) > 2 {
			return out, errSearch
		}
		fieldName := ""
		if len(segments) == 2 {
			fieldName = segments[1]
		}
		if isMode {
			if !searchModes[pair.v] {
				return out, errSearch
			}
			modes[fieldName] = pair.v
			continue
		}
		if _, seen := fieldValues[fieldName]; !seen {
			order = append(order, fieldName)
		}
		fieldValues[fieldName] = append(fieldValues[fieldName], pair.v)
	}
	for _, fieldName := range order {
		mode, ok := modes[fieldName]
		if !ok {
			if mode, ok = modes[""]; !ok {
				mode = "like"
			}
		}
		vals := fieldValues[fieldName]
		if mode != "exact" && len(vals) != 1 {
			return out, errSearch
		}
		for _, v := range vals {
			if v == "" {
				return out, errSearch
			}
		}
		out.matches = append(out.matches, searchMatch{mode: mode, field: fieldName, values: vals})
	}
	return out, nil
}

// matcher compiles the search against the allowed fields. The returned function receives each
// field's value (nil for SQL NULL, which never matches).
func (sr search) matcher(fields []string) (func(func(field string) *string) bool, error) {
	type condition struct {
		fields []string
		match  func(string) bool
	}
	conditions := make([]condition, 0, len(sr.matches))
	for _, m := range sr.matches {
		targets := fields
		if m.field != "" {
			name := snakeCase(m.field)
			if !contains(fields, name) {
				return nil, errSearch
			}
			targets = []string{name}
		}
		match, err := sr.valueMatcher(m)
		if err != nil {
			return nil, err
		}
		conditions = append(conditions, condition{fields: targets, match: match})
	}
	return func(get func(string) *string) bool {
		if len(conditions) == 0 {
			return true
		}
		for _, c := range conditions {
			hit := false
			for _, f := range c.fields {
				if v := get(f); v != nil && c.match(*v) {
					hit = true
					break
				}
			}
			if hit && !sr.and {
				return true
			}
			if !hit && sr.and {
				return false
			}
		}
		return sr.and
	}, nil
}

func (sr search) valueMatcher(m searchMatch) (func(string) bool, error) {
	switch m.mode {
	case "exact":
		return func(v string) bool {
			for _, want := range m.values {
				if v == want || (!sr.caseSensitive && strings.EqualFold(v, want)) {
					return true
				}
			}
			return false
		}, nil
	case "like":
		pattern := m.values[0]
		return func(v string) bool { return likeMatch(pattern, v, !sr.caseSensitive) }, nil
	case "similar_to":
		if !sr.caseSensitive {
			return nil, errSearch
		}
		re, err := regexp.Compile(similarToRegexp(m.values[0]))
		if err != nil {
			return nil, errSearch
		}
		return re.MatchString, nil
	default: // posix
		expr := m.values[0]
		if !sr.caseSensitive {
			expr = "(?i)" + expr
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return nil, errSearch
		}
		return re.MatchString, nil
	}
}

// likeMatch is SQL LIKE (ILIKE when fold): '%' any sequence, '_' one character, '\' escapes.
func likeMatch(pattern, value string, fold bool) bool {
	if fold {
		pattern, value = strings.ToLower(pattern), strings.ToLower(value)
	}
	for pattern != "" {
		p, size := utf8.DecodeRuneInString(pattern)
		switch p {
		case '%':
			rest := pattern[size:]
			for i := 0; ; {
				if likeMatch(rest, value[i:], false) {
					return true
				}
				if i >= len(value) {
					return false
				}
				_, n := utf8.DecodeRuneInString(value[i:])
				i += n
			}
		case '_':
			if value == "" {
				return false
			}
			_, n := utf8.DecodeRuneInString(value)
			pattern, value = pattern[size:], value[n:]
			continue
		case '\\':
			if len(pattern) > size {
				pattern = pattern[size:]
				p, size = utf8.DecodeRuneInString(pattern)
			}
		}
		v, n := utf8.DecodeRuneInString(value)
		if value == "" || v != p {
			return false
		}
		pattern, value = pattern[size:], value[n:]
	}
	return value == ""
}

// similarToRegexp translates a SQL SIMILAR TO pattern into an anchored Go regexp.
func similarToRegexp(pattern string) string {
	var b strings.Builder
	b.WriteString("^(?:")
	escaped := false
	for _, c := range pattern {
		switch {
		case escaped:
			b.WriteString(regexp.QuoteMeta(string(c)))
			escaped = false
		case c == '\\':
			escaped = true
		case c == '%':
			b.WriteString(".*")
		case c == '_':
			b.WriteString(".")
		case strings.ContainsRune("|*+?{}()[]", c):
			b.WriteRune(c)
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString(")$")
	return b.String()
}

// snakeCase converts a camelCase field name the way the snake-case package does for simple names.
func snakeCase(s string) string {
	var b strings.Builder
	runes := []rune(s)
	for i, r := range runes {
		if unicode.IsUpper(r) && i > 0 && unicode.IsLower(runes[i-1]) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
