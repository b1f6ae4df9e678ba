package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

// HCL writing: each resource is written from the state the provider read on
// import, attribute by attribute, following the resource's schema:
//
//   - computed-only attributes (id, created_at, secrets Logto generates) are
//     left out, and so are timeouts;
//   - optional and computed attributes are left out when they are empty
//     (null, "", false, 0, [], {}), or hold the provider's default: they
//     then stay as they are, unmanaged, and show no diff;
//   - a secret the provider reads into the state (an SSO connector's client
//     secret) is written as a sensitive variable (variables.tf), whose value
//     the user supplies;
//   - write-only attributes cannot be read back: a comment names them;
//   - ids of objects the export writes too become references
//     (logto_role.billing.id); the others stay as ids with a comment naming
//     the object;
//   - custom_data is written with jsonencode(), multi-line strings as
//     heredocs.

// variable is an input variable the configuration needs.
type variable struct {
	name, description string
}

// renderer writes resources.
type renderer struct {
	plan *plan
	vars []variable
	// sieKeep lists the sign-in experience's attributes to write (those that
	// differ from Logto's defaults).
	sieKeep map[string]bool
}

// providerDefaults are values of optional and computed attributes that are
// the provider's defaults, left out like empty values.
var providerDefaults = map[string]tftypes.Value{
	"logto_application.store_secret": tftypes.NewValue(tftypes.Bool, true),
}

// omitted says which attributes to leave out of a resource whatever their
// value: those the provider refuses in a configuration although it reads
// them (Logto sets a Protected application's redirect URIs itself).
func omitted(o *object, vals map[string]tftypes.Value, name string) bool {
	if o.typ == "logto_application" && (name == "redirect_uris" || name == "post_logout_redirect_uris") {
		var typ string
		_ = vals["type"].As(&typ)
		return typ == "Protected"
	}
	return false
}

// firstAttributes come first, in this order; the others follow
// alphabetically.
var firstAttributes = []string{
	"username", "name", "connector_name", "provider_name", "type", "indicator", "description",
	"organization_id", "application_id", "user_id", "resource_id",
}

// references says which attributes hold ids of which type.
var references = map[string]map[string]string{
	"logto_application_secret": {"application_id": "logto_application"},
	"logto_application_roles":  {"application_id": "logto_application", "role_ids": "logto_role"},
	"logto_user_roles":         {"user_id": "logto_user", "role_ids": "logto_role"},
	"logto_api_resource_scope": {"resource_id": "logto_api_resource"},
	"logto_role":               {"scope_ids": "logto_api_resource_scope"},
	"logto_organization": {
		"jit_role_ids": "logto_organization_role", "jit_sso_connector_ids": "logto_sso_connector",
	},
	"logto_organization_role": {
		"organization_scope_ids": "logto_organization_scope", "resource_scope_ids": "logto_api_resource_scope",
	},
	"logto_organization_member": {
		"organization_id": "logto_organization", "user_id": "logto_user", "organization_role_ids": "logto_organization_role",
	},
	"logto_organization_application": {
		"organization_id": "logto_organization", "application_id": "logto_application",
		"organization_role_ids": "logto_organization_role",
	},
}

// writeOnlyNotes explain write-only attributes; others get a generic note.
var writeOnlyNotes = map[string]string{
	"logto_user.password_wo": "password_wo is write-only and cannot be exported: to set a password, add password_wo " +
		"and password_wo_version (Terraform 1.11+).",
	"logto_sso_connector.client_secret_wo": "client_secret_wo (write-only, Terraform 1.11+) keeps the secret out of " +
		"the state: replacing client_secret with it and client_secret_wo_version is a one-time update.",
}

// resource renders one resource block.
func (r *renderer) resource(o *object, schema *tfprotov6.Schema, state tftypes.Value) (string, error) {
	var b strings.Builder
	if o.name != "" && o.typ != "logto_sign_in_experience" {
		fmt.Fprintf(&b, "# %s\n", oneLine(o.describe(r.plan)))
	}
	fmt.Fprintf(&b, "resource %q %q {\n", o.typ, o.label)
	if o.typ == "logto_sign_in_experience" && len(r.sieKeep) == 0 {
		b.WriteString("  # Every setting is at Logto's default. Only the attributes written here are managed:\n" +
			"  # add those Terraform should own.\n")
	}
	if err := r.attributes(&b, o, "", schema.Block.Attributes, state, true); err != nil {
		return "", fmt.Errorf("%s: %w", o.address(), err)
	}
	b.WriteString("}\n")
	return b.String(), nil
}

// describe says what an object is, for the comment above its resource.
func (o *object) describe(p *plan) string {
	switch o.typ {
	case "logto_application_secret":
		return fmt.Sprintf("Secret %q of application %q", o.name, p.names[o.parent.id])
	case "logto_application_roles":
		return fmt.Sprintf("Roles of application %q", o.name)
	case "logto_user_roles":
		return fmt.Sprintf("Roles of user %q", o.name)
	case "logto_api_resource_scope":
		return fmt.Sprintf("Scope %q of API resource %q", o.name, p.names[o.parent.id])
	case "logto_organization_application":
		return fmt.Sprintf("Application %q in organization %q", o.partnerName, o.name)
	case "logto_organization_member":
		return fmt.Sprintf("User %q in organization %q", o.partnerName, o.name)
	}
	return fmt.Sprintf("%q (%s)", o.name, o.importID)
}

func (r *renderer) attributes(b *strings.Builder, o *object, indent string, attrs []*tfprotov6.SchemaAttribute, v tftypes.Value, top bool) error {
	var vals map[string]tftypes.Value
	if err := v.As(&vals); err != nil {
		return err
	}
	attrs = slices.Clone(attrs)
	// firstAttributes, then one-line values alphabetically, then nested
	// objects and JSON.
	rank := func(a *tfprotov6.SchemaAttribute) int {
		if i := slices.Index(firstAttributes, a.Name); i >= 0 {
			return i
		}
		if a.NestedType != nil || a.Name == "custom_data" {
			return len(firstAttributes) + 1
		}
		return len(firstAttributes)
	}
	slices.SortFunc(attrs, func(a, c *tfprotov6.SchemaAttribute) int {
		if d := rank(a) - rank(c); d != 0 {
			return d
		}
		return strings.Compare(a.Name, c.Name)
	})
	in := indent + "  "
	var notes []string
	defer func() {
		for _, n := range notes {
			fmt.Fprintf(b, "%s# %s\n", in, n)
		}
	}()
	for _, a := range attrs {
		val := vals[a.Name]
		key := o.typ + "." + a.Name
		switch {
		case top && (a.Name == "id" || a.Name == "timeouts" || omitted(o, vals, a.Name)):
			continue
		case a.WriteOnly:
			note := writeOnlyNotes[key]
			if note == "" {
				note = a.Name + " is write-only and cannot be exported."
			}
			notes = append(notes, note)
			continue
		case a.Computed && !a.Optional && !a.Required:
			continue
		case val.IsNull() || !val.IsKnown():
			continue
		}
		kept := top && o.typ == "logto_sign_in_experience"
		if kept && !r.sieKeep[a.Name] {
			continue
		}
		if a.Optional && a.Computed && !kept {
			if def, ok := providerDefaults[key]; ok && def.Equal(val) {
				continue
			}
			if isEmpty(val) {
				continue
			}
		}
		if a.Sensitive {
			name := strings.TrimPrefix(o.typ, "logto_") + "_" + o.label + "_" + a.Name
			r.vars = append(r.vars, variable{name: name,
				description: fmt.Sprintf("%s of %s %q: Logto holds it, logto-export does not write it.", a.Name, o.typ, o.name)})
			fmt.Fprintf(b, "%s# Logto holds this secret; give it as TF_VAR_%s (not exported).\n", in, name)
			fmt.Fprintf(b, "%s%s = var.%s\n", in, a.Name, name)
			continue
		}
		if a.NestedType != nil {
			if err := r.nested(b, o, in, a, val); err != nil {
				return err
			}
			continue
		}
		if refType := references[o.typ][a.Name]; refType != "" && top {
			r.reference(b, in, a.Name, refType, val)
			continue
		}
		if a.Name == "custom_data" && val.Type().Is(tftypes.String) {
			var s string
			_ = val.As(&s)
			expr, err := jsonExpr(s, in)
			if err != nil {
				return fmt.Errorf("custom_data: %w", err)
			}
			fmt.Fprintf(b, "%s%s = jsonencode(%s)\n", in, a.Name, expr)
			continue
		}
		expr, err := literal(val, in)
		if err != nil {
			return fmt.Errorf("%s: %w", a.Name, err)
		}
		fmt.Fprintf(b, "%s%s = %s\n", in, a.Name, expr)
	}
	return nil
}

func (r *renderer) nested(b *strings.Builder, o *object, in string, a *tfprotov6.SchemaAttribute, val tftypes.Value) error {
	switch a.NestedType.Nesting {
	case tfprotov6.SchemaObjectNestingModeSingle:
		fmt.Fprintf(b, "%s%s = {\n", in, a.Name)
		if err := r.attributes(b, o, in, a.NestedType.Attributes, val, false); err != nil {
			return err
		}
		fmt.Fprintf(b, "%s}\n", in)
	case tfprotov6.SchemaObjectNestingModeList, tfprotov6.SchemaObjectNestingModeSet:
		var elems []tftypes.Value
		if err := val.As(&elems); err != nil {
			return err
		}
		fmt.Fprintf(b, "%s%s = [\n", in, a.Name)
		for _, e := range elems {
			fmt.Fprintf(b, "%s  {\n", in)
			if err := r.attributes(b, o, in+"  ", a.NestedType.Attributes, e, false); err != nil {
				return err
			}
			fmt.Fprintf(b, "%s  },\n", in)
		}
		fmt.Fprintf(b, "%s]\n", in)
	default:
		return fmt.Errorf("%s: nesting mode %v is not supported", a.Name, a.NestedType.Nesting)
	}
	return nil
}

// reference writes an id, or a set or list of ids, as references where the
// object is exported too.
func (r *renderer) reference(b *strings.Builder, in, name, refType string, val tftypes.Value) {
	one := func(id string) (expr, comment string) {
		if ref := r.plan.byID[refType][id]; ref != nil {
			return ref.address() + ".id", ""
		}
		what := strings.ReplaceAll(strings.TrimPrefix(refType, "logto_"), "_", " ")
		if n := r.plan.names[id]; n != "" {
			return quote(id), fmt.Sprintf("%s %q, not exported", what, oneLine(n))
		}
		return quote(id), what + ", not exported"
	}
	if val.Type().Is(tftypes.String) {
		var id string
		_ = val.As(&id)
		expr, comment := one(id)
		if comment != "" {
			comment = " # " + comment
		}
		fmt.Fprintf(b, "%s%s = %s%s\n", in, name, expr, comment)
		return
	}
	var elems []tftypes.Value
	_ = val.As(&elems)
	type item struct{ expr, comment string }
	items := make([]item, 0, len(elems))
	commented := false
	for _, e := range elems {
		var id string
		_ = e.As(&id)
		expr, comment := one(id)
		commented = commented || comment != ""
		items = append(items, item{expr, comment})
	}
	slices.SortFunc(items, func(x, y item) int { return strings.Compare(x.expr, y.expr) })
	if !commented && len(items) <= 3 {
		exprs := make([]string, len(items))
		for i, it := range items {
			exprs[i] = it.expr
		}
		fmt.Fprintf(b, "%s%s = [%s]\n", in, name, strings.Join(exprs, ", "))
		return
	}
	fmt.Fprintf(b, "%s%s = [\n", in, name)
	for _, it := range items {
		if it.comment != "" {
			fmt.Fprintf(b, "%s  %s, # %s\n", in, it.expr, it.comment)
		} else {
			fmt.Fprintf(b, "%s  %s,\n", in, it.expr)
		}
	}
	fmt.Fprintf(b, "%s]\n", in)
}

// isEmpty reports whether a value is null, "", false, 0, an empty
// collection, "{}" JSON, or an object whose attributes are all empty.
func isEmpty(v tftypes.Value) bool {
	if v.IsNull() {
		return true
	}
	typ := v.Type()
	switch {
	case typ.Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s == "" || s == "{}"
	case typ.Is(tftypes.Bool):
		var x bool
		_ = v.As(&x)
		return !x
	case typ.Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		return f.Sign() == 0
	case typ.Is(tftypes.List{}), typ.Is(tftypes.Set{}), typ.Is(tftypes.Tuple{}):
		var elems []tftypes.Value
		_ = v.As(&elems)
		return len(elems) == 0
	case typ.Is(tftypes.Map{}), typ.Is(tftypes.Object{}):
		var m map[string]tftypes.Value
		_ = v.As(&m)
		for _, e := range m {
			if !isEmpty(e) {
				return false
			}
		}
		return true
	}
	return false
}

// literal writes a primitive value or a collection of them.
func literal(v tftypes.Value, indent string) (string, error) {
	typ := v.Type()
	switch {
	case v.IsNull():
		return "null", nil
	case typ.Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return stringExpr(s), nil
	case typ.Is(tftypes.Bool):
		var x bool
		_ = v.As(&x)
		return fmt.Sprint(x), nil
	case typ.Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		return number(&f), nil
	case typ.Is(tftypes.List{}), typ.Is(tftypes.Set{}), typ.Is(tftypes.Tuple{}):
		var elems []tftypes.Value
		_ = v.As(&elems)
		out := make([]string, len(elems))
		for i, e := range elems {
			s, err := literal(e, indent+"  ")
			if err != nil {
				return "", err
			}
			out[i] = s
		}
		if typ.Is(tftypes.Set{}) {
			slices.Sort(out)
		}
		return list(out, indent), nil
	case typ.Is(tftypes.Map{}):
		var m map[string]tftypes.Value
		_ = v.As(&m)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var b strings.Builder
		b.WriteString("{\n")
		for _, k := range keys {
			s, err := literal(m[k], indent+"  ")
			if err != nil {
				return "", err
			}
			fmt.Fprintf(&b, "%s  %s = %s\n", indent, quote(k), s)
		}
		b.WriteString(indent + "}")
		return b.String(), nil
	}
	return "", fmt.Errorf("values of type %s are not supported", typ)
}

// list writes elements on one line when short, else one per line.
func list(elems []string, indent string) string {
	one := "[" + strings.Join(elems, ", ") + "]"
	if len(one) <= 80 && !strings.Contains(one, "\n") {
		return one
	}
	var b strings.Builder
	b.WriteString("[\n")
	for _, e := range elems {
		fmt.Fprintf(&b, "%s  %s,\n", indent, e)
	}
	b.WriteString(indent + "]")
	return b.String()
}

func number(f *big.Float) string {
	if f.IsInt() {
		return f.Text('f', 0)
	}
	return f.Text('g', -1)
}

// quote writes s as a quoted HCL string, with ${ and %{ escaped.
func quote(s string) string {
	return string(hclwrite.TokensForValue(cty.StringVal(s)).Bytes())
}

// stringExpr writes a string: a heredoc for multi-line text ending with a
// newline, a quoted string otherwise.
func stringExpr(s string) string {
	if !strings.Contains(strings.TrimSuffix(s, "\n"), "\n") || !strings.HasSuffix(s, "\n") ||
		strings.ContainsAny(s, "\r\x00") {
		return quote(s)
	}
	marker := "EOT"
	for strings.Contains("\n"+s, "\n"+marker+"\n") || strings.Contains("\n"+s, "\n"+marker) {
		marker += "_"
	}
	body := strings.NewReplacer("${", "$${", "%{", "%%{").Replace(s)
	return "<<" + marker + "\n" + body + marker
}

var identifierRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// jsonExpr writes a JSON document as an HCL expression for jsonencode().
func jsonExpr(doc, indent string) (string, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(doc)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", err
	}
	return jsonValue(v, indent), nil
}

func jsonValue(v any, indent string) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprint(x)
	case json.Number:
		return x.String()
	case string:
		return quote(x)
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			out[i] = jsonValue(e, indent+"  ")
		}
		return list(out, indent)
	case map[string]any:
		if len(x) == 0 {
			return "{}"
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var b strings.Builder
		b.WriteString("{\n")
		for _, k := range keys {
			key := quote(k)
			if identifierRE.MatchString(k) && k != "null" && k != "true" && k != "false" {
				key = k
			}
			fmt.Fprintf(&b, "%s  %s = %s\n", indent, key, jsonValue(x[k], indent+"  "))
		}
		b.WriteString(indent + "}")
		return b.String()
	}
	return "null"
}

// oneLine keeps a name on one comment line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
