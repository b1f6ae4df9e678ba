package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// typeInfo is one resource type the export writes.
type typeInfo struct {
	name string
	// file is the domain file the type's resources go to.
	file string
	// users marks the types that hold users (written with -users only).
	users bool
}

// exportTypes lists the types the export writes, in the order of their
// files' sections. The provider's other types are alternatives to these
// (an additive link beside an authoritative set): see alternatives.
var exportTypes = []typeInfo{
	{name: "logto_application", file: "applications.tf"},
	{name: "logto_application_secret", file: "applications.tf"},
	{name: "logto_application_roles", file: "applications.tf"},
	{name: "logto_sso_connector", file: "sso_connectors.tf"},
	{name: "logto_sign_in_experience", file: "sign_in_experience.tf"},
	{name: "logto_organization_scope", file: "organizations.tf"},
	{name: "logto_organization_role", file: "organizations.tf"},
	{name: "logto_organization", file: "organizations.tf"},
	{name: "logto_organization_application", file: "organizations.tf"},
	{name: "logto_organization_member", file: "organizations.tf", users: true},
	{name: "logto_api_resource", file: "api_resources.tf"},
	{name: "logto_api_resource_scope", file: "api_resources.tf"},
	{name: "logto_role", file: "roles.tf"},
	{name: "logto_user", file: "users.tf", users: true},
	{name: "logto_user_roles", file: "users.tf", users: true},
}

// alternatives are the provider's types that the export does not write,
// with the type it writes instead.
var alternatives = map[string]string{
	"logto_application_role":     "logto_application_roles",
	"logto_user_role":            "logto_user_roles",
	"logto_organization_members": "logto_organization_member",
}

func typeNames() []string {
	names := make([]string, len(exportTypes))
	for i, t := range exportTypes {
		names[i] = t.name
	}
	return names
}

func typeInfoOf(name string) typeInfo {
	for _, t := range exportTypes {
		if t.name == name {
			return t
		}
	}
	panic("unknown type " + name)
}

// parseTypes reads -types: comma-separated type names, with or without the
// logto_ prefix.
func parseTypes(v string) ([]string, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	var out []string
	for _, s := range strings.Split(v, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.HasPrefix(s, "logto_") {
			s = "logto_" + s
		}
		if alt, ok := alternatives[s]; ok {
			return nil, fmt.Errorf("%s is not exported: logto-export writes %s instead", s, alt)
		}
		if !slices.Contains(typeNames(), s) {
			return nil, fmt.Errorf("unknown type %q; known types: %s", s, strings.Join(typeNames(), ", "))
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out, nil
}

// selection says which objects a run covers.
type selection struct {
	types          map[string]bool
	names          patterns
	includeBuiltin bool
	// singletons says whether the sign-in experience (which has no name)
	// is covered: always, unless -name is given and -types does not list it.
	singletons bool
}

func newSelection(o options) selection {
	s := selection{types: map[string]bool{}, names: o.names, includeBuiltin: o.includeBuiltin}
	for _, t := range exportTypes {
		switch {
		case len(o.types) > 0:
			s.types[t.name] = slices.Contains(o.types, t.name)
		default:
			s.types[t.name] = !t.users || o.users
		}
	}
	s.singletons = s.types["logto_sign_in_experience"] && (len(o.names) == 0 || slices.Contains(o.types, "logto_sign_in_experience"))
	return s
}

// has reports whether a type is selected.
func (s selection) has(typ string) bool { return s.types[typ] }

// nameMatches applies -name to a top-level object's name.
func (s selection) nameMatches(name string) bool {
	if len(s.names) == 0 {
		return true
	}
	for _, g := range s.names {
		if g.match(name) {
			return true
		}
	}
	return false
}

// glob is a compiled name pattern: * is any run of characters, ? one
// character, [set] one of a set; everything else is literal, and the whole
// name must match (case-sensitive).
type glob struct {
	src string
	re  *regexp.Regexp
}

func compileGlob(p string) (*glob, error) {
	if p == "" {
		return nil, fmt.Errorf("empty pattern")
	}
	var b strings.Builder
	b.WriteString(`^(?s:`)
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			end := -1
			for j := i + 1; j < len(rs); j++ {
				if rs[j] == ']' && j > i+1 {
					end = j
					break
				}
			}
			if end < 0 {
				return nil, fmt.Errorf("pattern %q: [ without a closing ]", p)
			}
			set := string(rs[i+1 : end])
			neg := strings.HasPrefix(set, "!") || strings.HasPrefix(set, "^")
			if neg {
				set = set[1:]
			}
			b.WriteString("[")
			if neg {
				b.WriteString("^")
			}
			b.WriteString(strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, `^`, `\^`).Replace(set))
			b.WriteString("]")
			i = end
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`)$`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", p, err)
	}
	return &glob{src: p, re: re}, nil
}

func (g *glob) match(s string) bool { return g.re.MatchString(s) }
