package main

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Resource names: each object's Terraform name is derived from its name in
// Logto, lowercase ASCII letters, digits and underscores:
//
//   - accented Latin letters lose their accent ("Café" -> "cafe");
//   - other characters that are letters or digits (CJK, Cyrillic, …) cannot be
//     spelled in ASCII: they are dropped and a short hash of the whole
//     original name is appended, so that two such names stay apart
//     ("日本語アプリ" -> "application_k3v9qa");
//   - anything else separates words ("my-app v2" -> "my_app_v2");
//   - a name starting with a digit gets a leading underscore.
//
// Objects of one type whose names give the same result are told apart by
// their Logto ids: the oldest keeps the plain name, the others get the first
// characters of their id appended ("my_app", "my_app_k2j4d1"). Names depend
// only on the objects themselves, so exporting the same tenant again gives
// the same names.

// latinFold spells accented Latin letters in ASCII.
var latinFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ĉ': "c", 'ċ': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g", 'ĝ': "g", 'ģ': "g", 'ĥ': "h", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ĵ': "j", 'ķ': "k", 'ł': "l", 'ľ': "l", 'ļ': "l", 'ĺ': "l", 'ñ': "n", 'ń': "n", 'ň': "n", 'ņ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ŕ': "r", 'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ș': "s", 'ß': "ss", 'ť': "t", 'ţ': "t", 'ț': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}

// sanitize turns a name into an identifier fragment. lossy says that
// letters or digits were dropped. The result may be empty.
func sanitize(name string) (out string, lossy bool) {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(name) {
		var s string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			s = string(r)
		case latinFold[r] != "":
			s = latinFold[r]
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			lossy = true
			sep = true
			continue
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent
		default:
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('_')
		}
		sep = false
		b.WriteString(s)
	}
	return b.String(), lossy
}

// baseLabel is the name an object would get on its own; fallback names an
// object whose name has nothing to spell in ASCII.
func baseLabel(name, fallback string) string {
	s, lossy := sanitize(name)
	switch {
	case s == "" && name == "":
		s = fallback
	case s == "":
		s = fallback + "_" + shortHash(name)
	case lossy:
		s += "_" + shortHash(name)
	}
	return identifier(s)
}

// identifier makes s a valid Terraform name (a letter or underscore first).
func identifier(s string) string {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return "_" + s
	}
	return s
}

// shortHash is a short, stable base-36 digest of s.
func shortHash(s string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	out := strconv.FormatUint(uint64(h.Sum32()), 36)
	return fmt.Sprintf("%06s", out)[:6]
}

// assignLabels gives each object of one type a unique label from its base:
// objects sharing a base are ordered by creation time then id; the first
// keeps the base, the others get a prefix of their id (longer where needed).
func assignLabels(objs []*object) {
	byBase := map[string][]*object{}
	var bases []string
	for _, o := range objs {
		if _, ok := byBase[o.base]; !ok {
			bases = append(bases, o.base)
		}
		byBase[o.base] = append(byBase[o.base], o)
	}
	taken := map[string]bool{}
	for _, b := range bases {
		taken[b] = true
	}
	for _, b := range bases {
		group := byBase[b]
		slices.SortFunc(group, func(x, y *object) int {
			if x.created != y.created {
				if x.created < y.created {
					return -1
				}
				return 1
			}
			return strings.Compare(x.key(), y.key())
		})
		group[0].label = b
		for _, o := range group[1:] {
			suffix, _ := sanitize(o.key())
			suffix = strings.ReplaceAll(suffix, "_", "")
			if suffix == "" {
				suffix = shortHash(o.key())
			}
			n := min(6, len(suffix))
			label := b + "_" + suffix[:n]
			for taken[label] {
				if n < len(suffix) {
					n++
					label = b + "_" + suffix[:n]
				} else {
					label += "_"
				}
			}
			taken[label] = true
			o.label = label
		}
	}
}
