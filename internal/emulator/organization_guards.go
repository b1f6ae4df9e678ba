package emulator

import (
	"net/http"
	"strings"
)

// Body and query guards of the organization routes. Logto generates them from its tables
// (packages/schemas/tables/organization*.sql): POST takes the create guard without id (tenantId
// and createdAt are accepted and ignored, since the database sets them), PATCH takes every
// column as optional, id, tenantId and createdAt included. Issues come in column order; unknown
// keys are dropped.

// organizationInput is a validated organization body; the *Set flags say a nullable key was
// given (a nil value then clears the field).
type organizationInput struct {
	TenantID, ID, Name     *string
	Description, CustomCSS *string
	DescriptionSet         bool
	CustomCSSSet           bool
	CustomData             JSONObject
	IsMfaRequired          *bool
	Color                  *OrganizationColor
	Branding               *OrganizationBranding
	CreatedAt              *float64
}

// empty reports whether a PATCH sets nothing (Logto then fails to build its UPDATE: 422).
func (in *organizationInput) empty() bool {
	return in.TenantID == nil && in.ID == nil && in.Name == nil && !in.DescriptionSet && !in.CustomCSSSet &&
		in.CustomData == nil && in.IsMfaRequired == nil && in.Color == nil && in.Branding == nil && in.CreatedAt == nil
}

// parseOrganizationBody validates Organizations.createGuard.omit({id}) (create) or
// Organizations.guard.partial() (PATCH).
func parseOrganizationBody(body any, create bool) (*organizationInput, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	in := &organizationInput{}
	in.TenantID, _ = z.str(fieldOf(obj, path{}, "tenantId"), false, false, 0, idColumnLength)
	if !create {
		in.ID, _ = z.str(fieldOf(obj, path{}, "id"), false, false, 1, idColumnLength)
	}
	in.Name, _ = z.str(fieldOf(obj, path{}, "name"), create, false, 1, 128)
	in.Description, in.DescriptionSet = z.nullableString(fieldOf(obj, path{}, "description"), 256)
	if f := fieldOf(obj, path{}, "customData"); f.present {
		if data := z.object(f); data != nil {
			in.CustomData = JSONObject(data)
		}
	}
	in.IsMfaRequired = z.boolean(fieldOf(obj, path{}, "isMfaRequired"))
	if f := fieldOf(obj, path{}, "color"); f.present {
		in.Color = z.organizationColor(f)
	}
	if f := fieldOf(obj, path{}, "branding"); f.present {
		if branding, ok := z.sieBranding(f); ok {
			converted := OrganizationBranding(branding)
			in.Branding = &converted
		}
	}
	in.CustomCSS, in.CustomCSSSet = z.nullableString(fieldOf(obj, path{}, "customCss"), 0)
	in.CreatedAt = z.number(fieldOf(obj, path{}, "createdAt"), numberRule{})
	return in, z
}

// nullableString validates an optional z.string().max(n).nullable(); set reports a valid value
// (null included) was given.
func (z *zodIssues) nullableString(f field, maximum int) (*string, bool) {
	value, ok := z.str(f, false, true, 0, maximum)
	return value, f.present && ok
}

// organizationColor validates partialColorGuard: hex colors and a boolean, each optional.
func (z *zodIssues) organizationColor(f field) *OrganizationColor {
	o := z.object(f)
	if o == nil {
		return nil
	}
	hex := func(key string) *string {
		g := fieldOf(o, f.p, key)
		s, valid := z.str(g, false, false, 0, 0)
		if valid && s != nil && !hexColor.MatchString(*s) {
			z.invalidRegex(g.p)
			return nil
		}
		return s
	}
	before := len(z.issues)
	out := OrganizationColor{PrimaryColor: hex("primaryColor")}
	out.IsDarkModeEnabled = z.boolean(fieldOf(o, f.p, "isDarkModeEnabled"))
	out.DarkPrimaryColor = hex("darkPrimaryColor")
	if len(z.issues) != before {
		return nil
	}
	return &out
}

// templateInput is a validated organization role or scope body.
type templateInput struct {
	TenantID, ID, Name, Type *string
	Description              *string
	DescriptionSet           bool
	// ScopeIDs and ResourceScopeIDs are the role create extras (default []).
	ScopeIDs, ResourceScopeIDs []string
}

func (in *templateInput) empty() bool {
	return in.TenantID == nil && in.ID == nil && in.Name == nil && in.Type == nil && !in.DescriptionSet
}

// parseTemplateBody validates an organization role (role) or scope body: the create guard
// without id, or the PATCH guard (every column optional). Roles also take type and, on create,
// organizationScopeIds and resourceScopeIds.
func parseTemplateBody(body any, create, role bool) (*templateInput, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	in := &templateInput{}
	in.TenantID, _ = z.str(fieldOf(obj, path{}, "tenantId"), false, false, 0, idColumnLength)
	if !create {
		in.ID, _ = z.str(fieldOf(obj, path{}, "id"), false, false, 1, idColumnLength)
	}
	in.Name, _ = z.str(fieldOf(obj, path{}, "name"), create, false, 1, 128)
	in.Description, in.DescriptionSet = z.nullableString(fieldOf(obj, path{}, "description"), 256)
	if role {
		in.Type = z.nativeEnum(fieldOf(obj, path{}, "type"), roleTypes, false)
		if create {
			in.ScopeIDs = z.stringArray(fieldOf(obj, path{}, "organizationScopeIds"), false, nil)
			in.ResourceScopeIDs = z.stringArray(fieldOf(obj, path{}, "resourceScopeIds"), false, nil)
		}
	}
	return in, z
}

// parseRoleAssignment validates {organizationRoleIds?, organizationRoleNames?}, each
// z.string().min(1).array().optional().
func parseRoleAssignment(body any) (ids, names []string, issues *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, nil, z
	}
	nonEmpty := func(p path, s string) {
		if s == "" {
			z.tooSmallString(p, 1)
		}
	}
	ids = z.stringArray(fieldOf(obj, path{}, "organizationRoleIds"), false, nonEmpty)
	names = z.stringArray(fieldOf(obj, path{}, "organizationRoleNames"), false, nonEmpty)
	return ids, names, z
}

// parseIDLists validates an object of several z.string().min(1).array().nonempty() keys.
func parseIDLists(body any, keys ...string) ([][]string, *zodIssues) {
	z := &zodIssues{}
	obj := z.object(field{p: path{}, value: body, present: true})
	if obj == nil {
		return nil, z
	}
	out := make([][]string, len(keys))
	for i, key := range keys {
		sub, issues := parseIDList(obj, key, true)
		out[i] = sub
		z.issues = append(z.issues, issues.issues...)
		z.details = append(z.details, issues.details...)
	}
	return out, z
}

// queryStrings validates query keys guarded as z.string().optional() (a repeated key is an
// array, which zod refuses) and returns their values.
func queryStrings(w http.ResponseWriter, pairs []kvString, keys ...string) (map[string]*string, bool) {
	_, values := queryValues(pairs)
	z := &zodIssues{}
	out := map[string]*string{}
	for _, key := range keys {
		list, ok := values[key]
		switch {
		case !ok:
		case len(list) > 1:
			z.invalidType(path{key}, "string", "array")
		default:
			v := list[0]
			out[key] = &v
		}
	}
	if !z.empty() {
		writeGuardError(w, "query", z)
		return nil, false
	}
	return out, true
}

// keywordMatch is Logto's `q` search: ILIKE '%q%' on any of the values (NULL never matches).
func keywordMatch(q string, values ...*string) bool {
	for _, v := range values {
		if v != nil && likeMatch("%"+q+"%", *v, true) {
			return true
		}
	}
	return false
}

// yes is @silverhand/essentials' yes(): a truthy query flag.
func yes(v *string) bool {
	return v != nil && contains([]string{"1", "true", "y", "yes", "yep", "yeah"}, strings.ToLower(*v))
}

// conjunction joins names as Intl.ListFormat('en', {type: 'conjunction'}) does.
func conjunction(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	default:
		return strings.Join(names[:len(names)-1], ", ") + ", and " + names[len(names)-1]
	}
}
