package main

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// envOf is the command's environment for an acctest.Env.
func envOf(env *acctest.Env) map[string]string {
	return map[string]string{
		"LOGTO_ENDPOINT": env.Endpoint, "LOGTO_CLIENT_ID": env.ClientID,
		"LOGTO_CLIENT_SECRET": env.ClientSecret, "LOGTO_RESOURCE": env.Resource,
	}
}

// runCommand runs the command in-process and returns its exit status,
// stdout and stderr.
func runCommand(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// readDir returns the files of an export by name.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tf") {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files[e.Name()] = string(b)
		}
	}
	return files
}

// TestAccExport_endToEnd seeds a tenant with every type, exports it, and runs
// the real terraform on the result: the plan shows only imports, the apply
// imports them, and the next plan is empty. Then the unmanaged report finds
// an application created out of band and leaves out one matched by -ignore.
// It runs against the in-process emulator, or against a real Logto when
// LOGTO_ENDPOINT etc. are set (then filtered by the fixture's name prefix).
func TestAccExport_endToEnd(t *testing.T) {
	skipUnlessAcc(t)
	env := acctest.New(t)
	idp := acctest.NewMockIdP(t)
	f := seedTenant(t, env, idp)
	vars := envOf(env)
	dir := filepath.Join(t.TempDir(), "export")

	args := []string{"-out", dir, "-users"}
	if acctest.RealLogto() {
		// A shared tenant: only the fixture's objects (the glob's ? matches
		// the "_" of usernames and the " " of other names alike).
		args = append(args, "-name", f.prefix+"*")
	}
	code, stdout, stderr := runCommand(t, vars, "", args...)
	if code != exitOK {
		t.Fatalf("export: status %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	t.Logf("export:\n%s", stdout)
	files := readDir(t, dir)
	for _, name := range []string{"providers.tf", "imports.tf", "applications.tf", "sso_connectors.tf", "organizations.tf",
		"api_resources.tf", "roles.tf", "users.tf", "variables.tf"} {
		if files[name] == "" {
			t.Errorf("%s was not written", name)
		}
	}
	all := strings.Join(mapValues(files), "\n")
	if testing.Verbose() {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			t.Logf("%s:\n%s", name, files[name])
		}
	}

	// One import block per object of the fixture (and only those: the
	// built-in objects are left out).
	imports := strings.Count(files["imports.tf"], "import {")
	if imports != f.total() {
		t.Errorf("imports.tf has %d import blocks, want %d (one per seeded object)\n%s", imports, f.total(), files["imports.tf"])
	}
	for typ, n := range f.objects {
		if got := strings.Count(all, "resource \""+typ+"\" "); got != n {
			t.Errorf("%d %s resources, want %d", got, typ, n)
		}
	}
	if !acctest.RealLogto() {
		for _, builtin := range []string{`"` + logto.ManagementAPIResourceID + `"`, `"` + env.ClientID + `"`, "Logto Management API"} {
			if strings.Contains(all, builtin) {
				t.Errorf("the export holds the built-in object %s", builtin)
			}
		}
		if !strings.Contains(files["sign_in_experience.tf"], "single_sign_on_enabled = true") ||
			!strings.Contains(files["sign_in_experience.tf"], "terms_of_use_url") {
			t.Errorf("sign_in_experience.tf lacks the changed fields:\n%s", files["sign_in_experience.tf"])
		}
		if strings.Contains(files["sign_in_experience.tf"], "color") {
			t.Errorf("sign_in_experience.tf writes fields left at Logto's defaults:\n%s", files["sign_in_experience.tf"])
		}
	}

	// No secret is written; the connector's secret is a variable.
	for _, s := range f.secrets {
		if strings.Contains(all, s) {
			t.Errorf("the export holds a secret value (%.6s…)", s)
		}
	}
	secretVar := regexp.MustCompile(`client_secret += var\.(\w+)`).FindStringSubmatch(files["sso_connectors.tf"])
	if secretVar == nil {
		t.Fatalf("the OIDC connector's client_secret is not a variable:\n%s", files["sso_connectors.tf"])
	}
	if !strings.Contains(files["variables.tf"], `variable "`+secretVar[1]+`"`) || !strings.Contains(files["variables.tf"], "sensitive   = true") {
		t.Errorf("variables.tf does not declare %s as sensitive:\n%s", secretVar[1], files["variables.tf"])
	}
	if !strings.Contains(files["users.tf"], "# password_wo is write-only") {
		t.Errorf("users.tf does not leave password_wo to the user:\n%s", files["users.tf"])
	}

	// References instead of ids.
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`jit_sso_connector_ids += \[logto_sso_connector\.\w+\.id\]`),
		regexp.MustCompile(`jit_role_ids += \[logto_organization_role\.\w+_admin\.id\]`),
		regexp.MustCompile(`role_ids += \[logto_role\.\w+_automation\.id\]`),
		regexp.MustCompile(`application_id += logto_application\.\w+_worker\.id`),
		regexp.MustCompile(`scope_ids += \[logto_api_resource_scope\.\w+_read_orders\.id, logto_api_resource_scope\.\w+_write_orders\.id\]`),
		regexp.MustCompile(`resource_scope_ids += \[logto_api_resource_scope\.\w+_read_orders\.id\]`),
		regexp.MustCompile(`organization_scope_ids += \[logto_organization_scope\.\w+_read_invoices\.id\]`),
		regexp.MustCompile(`user_id += logto_user\.\w+_alice\.id`),
		regexp.MustCompile(`custom_data += jsonencode\(\{`),
		regexp.MustCompile(`metadata += <<EOT\n`),
	} {
		if !want.MatchString(all) {
			t.Errorf("the export has no match for %s", want)
		}
	}
	// Names: the colliding pair apart, the unicode names apart, the accents
	// folded.
	labels := map[string]bool{}
	for _, m := range regexp.MustCompile(`resource "logto_application" "(\w+)"`).FindAllStringSubmatch(files["applications.tf"], -1) {
		if labels[m[1]] {
			t.Errorf("two applications named %s", m[1])
		}
		labels[m[1]] = true
	}
	base := strings.ToLower(f.prefix)
	// The older one keeps the plain name (the id decides a tie).
	older, newer := f.apps["Acme Web"], f.apps["acme-web"]
	if newer.CreatedAt < older.CreatedAt || newer.CreatedAt == older.CreatedAt && newer.ID < older.ID {
		older, newer = newer, older
	}
	if !labels[base+"_acme_web"] || !labels[base+"_acme_web_"+newer.ID[:6]] {
		t.Errorf("the colliding names are not %s_acme_web (%s) and …_%s: %v", base, older.ID, newer.ID[:6], labels)
	}
	if !labels[base+"_cafe_unicode"] {
		t.Errorf("no application named %s_cafe_unicode: %v", base, labels)
	}
	if want := len(f.apps); len(labels) != want {
		t.Errorf("%d application names, want %d: %v", len(labels), want, labels)
	}

	// terraform plan: only imports.
	tf := newTerraform(t, dir, map[string]string{
		"LOGTO_ENDPOINT": env.Endpoint, "LOGTO_CLIENT_ID": env.ClientID, "LOGTO_CLIENT_SECRET": env.ClientSecret,
		"LOGTO_RESOURCE": env.Resource, "TF_VAR_" + secretVar[1]: f.ssoSecret,
	})
	if out, code := tf.run("fmt", "-check", "-diff", "-no-color"); code != 0 {
		t.Errorf("terraform fmt -check: the export is not formatted (status %d):\n%s", code, out)
	}
	out, code := tf.run("plan", "-input=false", "-no-color", "-out=import.tfplan")
	if code != 0 {
		t.Fatalf("terraform plan: status %d\n%s", code, out)
	}
	sum, ok := parsePlan(out)
	if !ok || sum != (planSummary{imports: f.total()}) {
		t.Fatalf("terraform plan: %+v, want %d to import and nothing else\n%s", sum, f.total(), out)
	}
	t.Logf("plan: %s", planLine.FindString(out))
	out, code = tf.run("apply", "-input=false", "-no-color", "import.tfplan")
	if code != 0 {
		t.Fatalf("terraform apply: status %d\n%s", code, out)
	}
	if !strings.Contains(out, "Apply complete! Resources: "+strconv.Itoa(f.total())+" imported, 0 added, 0 changed, 0 destroyed.") {
		t.Errorf("terraform apply did not import %d resources:\n%s", f.total(), out)
	}
	out, code = tf.run("plan", "-input=false", "-no-color", "-detailed-exitcode")
	if code != 0 {
		t.Fatalf("the plan after apply is not empty (status %d):\n%s", code, out)
	}

	// The unmanaged report: two applications created out of band, one
	// ignored by pattern.
	state, code := tf.run("show", "-json")
	if code != 0 {
		t.Fatalf("terraform show -json: status %d\n%s", code, state)
	}
	ctx := context.Background()
	oob := must(env.Client.CreateApplication(ctx, logto.ApplicationCreate{Name: f.prefix + " made in the Console", Type: logto.ApplicationTypeSPA}))(t)
	t.Cleanup(func() { _ = env.Client.DeleteApplication(ctx, oob.ID) })
	ignored := must(env.Client.CreateApplication(ctx, logto.ApplicationCreate{Name: f.prefix + " scratch app", Type: logto.ApplicationTypeSPA}))(t)
	t.Cleanup(func() { _ = env.Client.DeleteApplication(ctx, ignored.ID) })

	code, report, stderr := runCommand(t, vars, state, "-unmanaged", "-", "-ignore", "*scratch*")
	if code != exitUnmanaged {
		t.Fatalf("report: status %d, want %d\n%s%s", code, exitUnmanaged, report, stderr)
	}
	t.Logf("report:\n%s", report)
	if !strings.Contains(report, oob.ID) || !strings.Contains(report, `"`+oob.Name+`"`) {
		t.Errorf("the report does not list the out-of-band application %s:\n%s", oob.ID, report)
	}
	if strings.Contains(report, ignored.ID) {
		t.Errorf("the report lists the ignored application %s:\n%s", ignored.ID, report)
	}
	// Positive control: without -ignore, the second application is listed.
	code, report2, _ := runCommand(t, vars, state, "-unmanaged", "-")
	if code != exitUnmanaged || !strings.Contains(report2, ignored.ID) {
		t.Errorf("without -ignore the report does not list %s (status %d):\n%s", ignored.ID, code, report2)
	}
	if acctest.RealLogto() {
		return // other sessions' objects are unmanaged too
	}
	// No managed object is reported: only the two out-of-band ones.
	if n := strings.Count(report2, "\n  "); n != 2 {
		t.Errorf("the report lists %d objects, want the 2 made out of band:\n%s", n, report2)
	}
	// Both ignored: nothing to report, status 0, from a state file too.
	stateFile := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(stateFile, []byte(state), 0o600); err != nil {
		t.Fatal(err)
	}
	code, report3, stderr := runCommand(t, vars, "", "-unmanaged", stateFile, "-ignore", "*scratch*", "-ignore", "*Console")
	if code != exitOK || !strings.Contains(report3, "No unmanaged objects") {
		t.Errorf("with both ignored: status %d, want 0\n%s%s", code, report3, stderr)
	}
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
