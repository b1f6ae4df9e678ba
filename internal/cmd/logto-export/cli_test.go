package main

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
	"github.com/faccc625/terraform-provider-logto/internal/provider"
)

// newEmulator starts an in-process emulator and returns the command's
// environment for it, a client and the server. These tests use emulator
// features (faults), so they never run against a real Logto.
func newEmulator(t *testing.T) (map[string]string, *logto.Client, *emulator.Server) {
	t.Helper()
	emu, err := emulator.New(emulator.Options{ClientID: "export-admin", ClientSecret: "export-secret-0123456789"})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(emu)
	t.Cleanup(hs.Close)
	env := map[string]string{"LOGTO_ENDPOINT": hs.URL, "LOGTO_CLIENT_ID": "export-admin", "LOGTO_CLIENT_SECRET": "export-secret-0123456789"}
	c, err := logto.New(logto.Config{Endpoint: hs.URL, ClientID: "export-admin", ClientSecret: "export-secret-0123456789", Resource: provider.SelfHostedResource})
	if err != nil {
		t.Fatal(err)
	}
	return env, c, emu
}

func with(env map[string]string, k, v string) map[string]string {
	out := map[string]string{}
	for key, val := range env {
		out[key] = val
	}
	out[k] = v
	return out
}

func TestRun_usage(t *testing.T) {
	env, _, _ := newEmulator(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "give -out DIR"},
		{[]string{"-out", "x", "-unmanaged", "-"}, "cannot be used together"},
		{[]string{"-out", "x", "-ignore", "a*"}, "-ignore goes with -unmanaged"},
		{[]string{"-unmanaged", "-", "-name", "a*"}, "-name goes with -out"},
		{[]string{"-out", "x", "-types", "user_role"}, "logto_user_roles"},
		{[]string{"-out", "x", "-name", "app[1"}, "without a closing ]"},
		{[]string{"-out", "x", "extra"}, "unexpected arguments"},
	} {
		code, _, stderr := runCommand(t, env, "", c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: status %d, stderr %q; want %d and %q", c.args, code, stderr, exitUsage, c.want)
		}
	}
	if code, _, _ := runCommand(t, env, "", "-h"); code != exitOK {
		t.Errorf("-h: status %d, want 0", code)
	}
}

// TestRun_settingErrors checks that a tenant the command cannot read gives
// an error naming the setting to fix, and that the right settings work (the
// positive control).
func TestRun_settingErrors(t *testing.T) {
	env, _, emu := newEmulator(t)
	out := func() string { return filepath.Join(t.TempDir(), "out") }
	for _, c := range []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"missing secret", with(env, "LOGTO_CLIENT_SECRET", ""), []string{"set LOGTO_CLIENT_SECRET"}},
		{"missing endpoint", with(with(env, "LOGTO_ENDPOINT", ""), "LOGTO_CLIENT_ID", ""), []string{"set LOGTO_ENDPOINT, LOGTO_CLIENT_ID"}},
		{"wrong secret", with(env, "LOGTO_CLIENT_SECRET", "wrong"), []string{"invalid_client", "LOGTO_CLIENT_SECRET"}},
		{"unknown client", with(env, "LOGTO_CLIENT_ID", "nobody"), []string{"invalid_client", "LOGTO_CLIENT_ID"}},
		{"wrong resource", with(env, "LOGTO_RESOURCE", "https://other.example.com/api"), []string{"invalid_target", "set LOGTO_RESOURCE"}},
		{"endpoint with /api", with(env, "LOGTO_ENDPOINT", env["LOGTO_ENDPOINT"]+"/api"), []string{"/api", "LOGTO_ENDPOINT"}},
		{"unreachable", with(env, "LOGTO_ENDPOINT", "http://127.0.0.1:1"), []string{"cannot reach Logto", "LOGTO_ENDPOINT"}},
	} {
		code, _, stderr := runCommand(t, c.env, "", "-out", out())
		if code != exitError {
			t.Errorf("%s: status %d, want %d\n%s", c.name, code, exitError, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr does not name %q:\n%s", c.name, w, stderr)
			}
		}
	}

	// A token without the Management API scope: Logto answers 403.
	emu.InjectFault(emulator.Fault{Method: "GET", Route: "/api/applications", Status: 403, Code: "auth.forbidden", Times: 1})
	code, _, stderr := runCommand(t, env, "", "-out", out())
	if code != exitError || !strings.Contains(stderr, "missing scope") || !strings.Contains(stderr, "Logto Management API access") {
		t.Errorf("403: status %d, stderr:\n%s", code, stderr)
	}
	// Positive control: the same settings work once Logto lets them.
	if code, stdout, stderr := runCommand(t, env, "", "-out", out()); code != exitOK {
		t.Errorf("right settings: status %d\n%s%s", code, stdout, stderr)
	}
}

// TestRun_filters exports with -types and -name, and with -include-builtin,
// without terraform: it checks which resources are written.
func TestRun_filters(t *testing.T) {
	env, c, _ := newEmulator(t)
	ctx := context.Background()
	keep := must(c.CreateApplication(ctx, logto.ApplicationCreate{Name: "keep-worker", Type: logto.ApplicationTypeMachineToMachine}))(t)
	must(c.CreateApplication(ctx, logto.ApplicationCreate{Name: "drop-web", Type: logto.ApplicationTypeSPA}))(t)
	role := must(c.CreateRole(ctx, logto.RoleCreate{Name: "Jobs", Description: "jobs", Type: logto.RoleTypeMachineToMachine}))(t)
	check(t, c.AssignApplicationRoles(ctx, keep.ID, []string{role.ID}))

	dir := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCommand(t, env, "", "-out", dir, "-types", "application,application_roles", "-name", "keep-*")
	if code != exitOK {
		t.Fatalf("status %d\n%s%s", code, stdout, stderr)
	}
	files := readDir(t, dir)
	app := files["applications.tf"]
	if !strings.Contains(app, `resource "logto_application" "keep_worker"`) || strings.Contains(app, "drop") {
		t.Errorf("-name keep-* exported:\n%s", app)
	}
	// The role is not exported: its id stays, with a comment naming it.
	if !strings.Contains(app, `"`+role.ID+`", # role "Jobs", not exported`) {
		t.Errorf("the unexported role is not written as a commented id:\n%s", app)
	}
	for name := range files {
		if name != "applications.tf" && name != "imports.tf" && name != "providers.tf" {
			t.Errorf("-types application,application_roles wrote %s", name)
		}
	}
	if n := strings.Count(files["imports.tf"], "import {"); n != 2 {
		t.Errorf("%d import blocks, want 2:\n%s", n, files["imports.tf"])
	}

	// Writing again into the same directory is refused; -force replaces,
	// and the same tenant gives the same files.
	code, _, stderr = runCommand(t, env, "", "-out", dir, "-types", "application")
	if code != exitError || !strings.Contains(stderr, "-force") {
		t.Errorf("a second export into %s: status %d, want 1 and a hint at -force:\n%s", dir, code, stderr)
	}
	code, _, stderr = runCommand(t, env, "", "-out", dir, "-force", "-types", "application,application_roles", "-name", "keep-*")
	if code != exitOK {
		t.Fatalf("-force: status %d\n%s", code, stderr)
	}
	again := readDir(t, dir)
	for name, text := range files {
		if again[name] != text {
			t.Errorf("%s differs between two exports of the same tenant:\n%s\n---\n%s", name, text, again[name])
		}
	}

	// An untouched sign-in experience: an empty resource saying why (the
	// end-to-end test shows changed settings written).
	sieDir := filepath.Join(t.TempDir(), "sie")
	if code, _, stderr := runCommand(t, env, "", "-out", sieDir, "-types", "sign_in_experience"); code != exitOK {
		t.Fatalf("-types sign_in_experience: status %d\n%s", code, stderr)
	}
	sie := readDir(t, sieDir)["sign_in_experience.tf"]
	if !strings.Contains(sie, "Every setting is at Logto's default") || strings.Contains(sie, " = ") {
		t.Errorf("an untouched sign-in experience:\n%s", sie)
	}

	// Built-ins: left out by default, written with -include-builtin.
	builtinDir := filepath.Join(t.TempDir(), "builtin")
	plainDir := filepath.Join(t.TempDir(), "plain")
	for dir, args := range map[string][]string{builtinDir: {"-include-builtin"}, plainDir: nil} {
		args = append([]string{"-out", dir, "-types", "api_resource,role,application"}, args...)
		if code, _, stderr := runCommand(t, env, "", args...); code != exitOK {
			t.Fatalf("%v: status %d\n%s", args, code, stderr)
		}
	}
	withBuiltin, plain := strings.Join(mapValues(readDir(t, builtinDir)), ""), strings.Join(mapValues(readDir(t, plainDir)), "")
	for _, s := range []string{`"Logto Management API"`, `"Logto Management API access"`} {
		if !strings.Contains(withBuiltin, s) {
			t.Errorf("-include-builtin does not write %s", s)
		}
		if strings.Contains(plain, s) {
			t.Errorf("without -include-builtin the export writes %s", s)
		}
	}
	if _, err := os.Stat(filepath.Join(plainDir, "roles.tf")); err != nil {
		t.Errorf("the Jobs role is not exported: %v", err)
	}
}
