package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

func TestSanitize(t *testing.T) {
	for _, c := range []struct {
		in, want string
		lossy    bool
	}{
		{"Acme Web", "acme_web", false},
		{"acme-web", "acme_web", false},
		{"  my--app v2.0 ", "my_app_v2_0", false},
		{"Café Ünïcode", "cafe_unicode", false},
		{"Straße Øresund Łódź", "strasse_oresund_lodz", false},
		{"日本語アプリ", "", true},
		{"App 日本", "app", true},
		{"e\u0301t\u0301e", "ete", false}, // combining accents dropped
		{"read:orders", "read_orders", false},
		{"", "", false},
	} {
		got, lossy := sanitize(c.in)
		if got != c.want || lossy != c.lossy {
			t.Errorf("sanitize(%q) = %q, %v; want %q, %v", c.in, got, lossy, c.want, c.lossy)
		}
	}
}

func TestBaseLabel(t *testing.T) {
	ja, zh := baseLabel("日本語アプリ", "application"), baseLabel("中文应用", "application")
	if ja == zh || !strings.HasPrefix(ja, "application_") || !strings.HasPrefix(zh, "application_") {
		t.Errorf("names without an ASCII spelling: %q and %q, want distinct application_<hash>", ja, zh)
	}
	if again := baseLabel("日本語アプリ", "application"); again != ja {
		t.Errorf("baseLabel is not stable: %q then %q", ja, again)
	}
	if got := baseLabel("App 日本", "application"); !strings.HasPrefix(got, "app_") || got == "app" {
		t.Errorf("a name losing letters keeps its ASCII part and gets a hash: %q", got)
	}
	if got := baseLabel("2fa app", "application"); got != "_2fa_app" {
		t.Errorf("baseLabel(2fa app) = %q, want _2fa_app (a name cannot start with a digit)", got)
	}
	if got := baseLabel("", "role"); got != "role" {
		t.Errorf("baseLabel of an empty name = %q, want the fallback", got)
	}
}

func TestAssignLabels(t *testing.T) {
	mk := func(id string, created int64, base string) *object {
		return &object{typ: "logto_application", id: id, importID: id, created: created, base: base}
	}
	newer := mk("zzzzzz2", 20, "my_app")
	older := mk("aaaaaa1", 10, "my_app")
	tie := mk("bbbbbb1", 20, "my_app") // same time as newer: the id decides
	other := mk("cccccc1", 5, "other")
	// An object whose plain name is what a suffixed one would get.
	clash := mk("dddddd1", 1, "my_app_bbbbbb")
	assignLabels([]*object{newer, older, tie, other, clash})
	want := map[*object]string{older: "my_app", tie: "my_app_bbbbbb1", newer: "my_app_zzzzzz", other: "other", clash: "my_app_bbbbbb"}
	for o, w := range want {
		if o.label != w {
			t.Errorf("%s: label %q, want %q", o.id, o.label, w)
		}
	}
	// The same objects in another order get the same labels.
	for _, o := range []*object{newer, older, tie, other, clash} {
		o.label = ""
	}
	assignLabels([]*object{clash, other, tie, older, newer})
	for o, w := range want {
		if o.label != w {
			t.Errorf("in another order, %s: label %q, want %q", o.id, o.label, w)
		}
	}
}

func TestGlob(t *testing.T) {
	for _, c := range []struct {
		pattern, name string
		want          bool
	}{
		{"acme-*", "acme-web", true},
		{"acme-*", "Acme-web", false}, // case-sensitive
		{"acme-*", "my acme-web", false},
		{"*web*", "a/web/b", true}, // * crosses slashes
		{"tfexp?x*", "tfexp_x1", true},
		{"tfexp?x*", "tfexp x1", true},
		{"app[12]", "app2", true},
		{"app[!12]", "app2", false},
		{"app[!12]", "app3", true},
		{"a.b", "axb", false}, // regexp characters are literal
		{"(x)+", "(x)+", true},
	} {
		g, err := compileGlob(c.pattern)
		if err != nil {
			t.Fatalf("compileGlob(%q): %v", c.pattern, err)
		}
		if got := g.match(c.name); got != c.want {
			t.Errorf("%q matches %q: %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
	for _, bad := range []string{"", "app[12"} {
		if _, err := compileGlob(bad); err == nil {
			t.Errorf("compileGlob(%q) accepted a bad pattern", bad)
		}
	}
}

func TestParseTypes(t *testing.T) {
	got, err := parseTypes("application, logto_role,application")
	if err != nil || strings.Join(got, ",") != "logto_application,logto_role" {
		t.Errorf("parseTypes = %v, %v", got, err)
	}
	if _, err := parseTypes("application_role"); err == nil || !strings.Contains(err.Error(), "logto_application_roles") {
		t.Errorf("an alternative type: %v, want an error naming logto_application_roles", err)
	}
	if _, err := parseTypes("widget"); err == nil || !strings.Contains(err.Error(), "logto_widget") {
		t.Errorf("an unknown type: %v", err)
	}
	sel := newSelection(options{})
	if sel.has("logto_user") || !sel.has("logto_application") || !sel.singletons {
		t.Errorf("default selection: users %v (want false), applications %v, sign-in experience %v",
			sel.has("logto_user"), sel.has("logto_application"), sel.singletons)
	}
	if sel := newSelection(options{users: true}); !sel.has("logto_user") || !sel.has("logto_organization_member") {
		t.Error("-users does not select the user types")
	}
	g, _ := compileGlob("x*")
	if sel := newSelection(options{names: patterns{g}}); sel.singletons {
		t.Error("with -name, the sign-in experience (no name) is selected")
	}
	if sel := newSelection(options{names: patterns{g}, types: []string{"logto_sign_in_experience"}}); !sel.singletons {
		t.Error("with -name and -types listing it, the sign-in experience is not selected")
	}
}

func TestStringExpr(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", `"plain"`},
		{"a ${var} %{if}", `"a $${var} %%{if}"`},
		{"no newline at end\nx", `"no newline at end\nx"`},
		{"one line\n", `"one line\n"`},
		{"l1\nl2 ${x}\n", "<<EOT\nl1\nl2 $${x}\nEOT"},
		{"l1\nEOT\n", "<<EOT_\nl1\nEOT\nEOT_"},
		{"quote \" and \\ back", `"quote \" and \\ back"`},
	} {
		if got := stringExpr(c.in); got != c.want {
			t.Errorf("stringExpr(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestJSONExpr(t *testing.T) {
	got, err := jsonExpr(`{"b":[1,2.50,12345678901234567890],"a":{"null":null,"x-y":true,"ok":"${v}"},"e":{}}`, "")
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  a = {\n    \"null\" = null\n    ok = \"$${v}\"\n    \"x-y\" = true\n  }\n" +
		"  b = [1, 2.50, 12345678901234567890]\n  e = {}\n}"
	if got != want {
		t.Errorf("jsonExpr =\n%s\nwant\n%s", got, want)
	}
	if _, err := jsonExpr("{", ""); err == nil {
		t.Error("jsonExpr accepted invalid JSON")
	}
}

func TestIsEmpty(t *testing.T) {
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	set := func(vs ...tftypes.Value) tftypes.Value {
		return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vs)
	}
	obj := func(v tftypes.Value) tftypes.Value {
		return tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"a": tftypes.String}}, map[string]tftypes.Value{"a": v})
	}
	for _, c := range []struct {
		v    tftypes.Value
		want bool
	}{
		{str(""), true}, {str("{}"), true}, {str("x"), false},
		{tftypes.NewValue(tftypes.Bool, false), true}, {tftypes.NewValue(tftypes.Bool, true), false},
		{tftypes.NewValue(tftypes.Number, 0), true}, {tftypes.NewValue(tftypes.Number, 3600), false},
		{set(), true}, {set(str("a")), false},
		{obj(tftypes.NewValue(tftypes.String, nil)), true}, {obj(str("x")), false},
		{tftypes.NewValue(tftypes.String, nil), true},
	} {
		if got := isEmpty(c.v); got != c.want {
			t.Errorf("isEmpty(%v) = %v, want %v", c.v, got, c.want)
		}
	}
}

func TestManagedIDs(t *testing.T) {
	show := `{"format_version":"1.0","values":{"root_module":{"resources":[
	  {"mode":"managed","type":"logto_application","values":{"id":"app1"}},
	  {"mode":"data","type":"logto_application","values":{"id":"app2"}},
	  {"mode":"managed","type":"logto_application_secret","values":{"id":"app1/ci","application_id":"app1","name":"ci"}},
	  {"mode":"managed","type":"terraform_data","values":{"id":"x"}}
	],"child_modules":[{"resources":[{"mode":"managed","type":"logto_role","values":{"id":"role1"}}],
	  "child_modules":[{"resources":[{"mode":"managed","type":"logto_role","values":{"id":"role2"}}]}]}]}}}`
	got, err := managedIDs([]byte(show))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"logto_application": {"app1"}, "logto_application_secret": {"app1/ci"}, "logto_role": {"role1", "role2"}}
	if fmt.Sprint(keysOf(got)) != fmt.Sprint(want) {
		t.Errorf("managedIDs = %v, want %v (data sources and other providers left out, child modules read)", keysOf(got), want)
	}
	// A state file (version 4) works too.
	got, err = managedIDs([]byte(`{"version":4,"resources":[{"mode":"managed","type":"logto_organization","instances":[{"attributes":{"id":"o1"}},{"attributes":{"id":"o2"}}]}]}`))
	if err != nil || fmt.Sprint(keysOf(got)) != fmt.Sprint(map[string][]string{"logto_organization": {"o1", "o2"}}) {
		t.Errorf("from a state file: %v, %v", keysOf(got), err)
	}
	// An empty state (no values) manages nothing.
	if got, err := managedIDs([]byte(`{"format_version":"1.0"}`)); err != nil || len(got) != 0 {
		t.Errorf("empty state: %v, %v", got, err)
	}
	if _, err := managedIDs([]byte("not json")); err == nil {
		t.Error("managedIDs accepted a file that is not JSON")
	}
}

func keysOf(m map[string]map[string]bool) map[string][]string {
	out := map[string][]string{}
	for typ, ids := range m {
		for id := range ids {
			out[typ] = append(out[typ], id)
		}
		slices.Sort(out[typ])
	}
	return out
}

func TestFindUnmanaged(t *testing.T) {
	tn := &tenant{
		apps: []logto.Application{{ID: "own", Name: "terraform"}, {ID: "web", Name: "Web"}, {ID: "m2m", Name: "Worker"}},
		secrets: map[string][]logto.ApplicationSecret{
			"m2m": {{Name: logto.DefaultSecretName}, {Name: "ci"}},
			"web": {{Name: "orphan-parent"}},
		},
		resources: []logto.APIResource{{ID: "management-api", Name: "Logto Management API"}, {ID: "orders", Name: "Orders"}},
		scopes:    map[string][]logto.APIResourceScope{"orders": {{ID: "s1", Name: "read"}, {ID: "s2", Name: "write"}}},
		roles:     []logto.Role{{ID: "mr", Name: "Logto Management API access"}, {ID: "billing", Name: "Billing"}},
		builtin: builtins{apps: map[string]bool{"own": true}, resources: map[string]bool{"management-api": true},
			roles: map[string]bool{"mr": true}, scopes: map[string]bool{}},
	}
	managed := map[string]map[string]bool{
		"logto_application": {"m2m": true}, "logto_api_resource": {"orders": true}, "logto_api_resource_scope": {"s1": true},
	}
	var lines []string
	for _, u := range findUnmanaged(tn, newSelection(options{}), managed) {
		lines = append(lines, u.typ+" "+u.id)
	}
	want := "logto_application web|logto_application_secret m2m/ci|logto_api_resource_scope s2|logto_role billing"
	if got := strings.Join(lines, "|"); got != want {
		t.Errorf("unmanaged = %s\nwant %s\n(built-ins left out; the Default secret and the children of unmanaged parents too)", got, want)
	}
	lines = nil
	for _, u := range findUnmanaged(tn, newSelection(options{includeBuiltin: true}), managed) {
		lines = append(lines, u.id)
	}
	if got := strings.Join(lines, ","); got != "own,web,m2m/ci,management-api,s2,mr,billing" {
		t.Errorf("with -include-builtin: %s", got)
	}
}

func TestPrintReport_countsInWords(t *testing.T) {
	one := []unmanagedObject{{typ: "logto_application", id: "a1", name: "made in the Console"}}
	var b strings.Builder
	printReport(&b, one, 1)
	if !strings.HasPrefix(b.String(), "1 object in the tenant is not managed by the state (1 more ignored by -ignore):") {
		t.Errorf("one object: %q", b.String())
	}
	b.Reset()
	printReport(&b, append(one, unmanagedObject{typ: "logto_role", id: "r1", name: "ops"}), 0)
	if !strings.HasPrefix(b.String(), "2 objects in the tenant are not managed by the state:") {
		t.Errorf("two objects: %q", b.String())
	}
	b.Reset()
	printReport(&b, nil, 0)
	if !strings.HasPrefix(b.String(), "No unmanaged objects") {
		t.Errorf("none: %q", b.String())
	}
}
