package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The end-to-end tests run the real terraform CLI on the exported
// directory, with the provider built from this module and served through a
// dev_overrides CLI configuration: no terraform init, no network.

var (
	providerOnce sync.Once
	providerDir  string
	providerErr  error
)

// TestMain removes the provider binary the tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if providerDir != "" {
		_ = os.RemoveAll(providerDir)
	}
	os.Exit(code)
}

// buildProvider builds the provider binary once per test run.
func buildProvider(t *testing.T) string {
	t.Helper()
	providerOnce.Do(func() { providerDir, providerErr = buildProviderBinary() })
	if providerErr != nil {
		t.Fatalf("building the provider: %v", providerErr)
	}
	return providerDir
}

// buildProviderBinary builds the provider into a new temporary directory,
// shared by the tests and removed by TestMain.
func buildProviderBinary() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	dir, err := os.MkdirTemp("", "logto-export-provider-")
	if err != nil {
		return "", err
	}
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-logto"), ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		_ = os.RemoveAll(dir)
		return "", errors.New(string(out))
	}
	return dir, nil
}

// skipUnlessAcc skips the tests that run terraform unless TF_ACC is set, as
// terraform-plugin-testing does for the acceptance tests.
func skipUnlessAcc(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run the tests that run terraform")
	}
}

// terraform runs terraform commands in one directory.
type terraform struct {
	t   *testing.T
	dir string
	env []string
}

func newTerraform(t *testing.T, dir string, env map[string]string) *terraform {
	t.Helper()
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Fatal("terraform is not on PATH: the end-to-end tests run it")
	}
	rc := filepath.Join(t.TempDir(), "terraformrc")
	content := "provider_installation {\n  dev_overrides {\n    \"registry.terraform.io/faccc625/logto\" = \"" +
		buildProvider(t) + "\"\n  }\n  direct {}\n}\n"
	if err := os.WriteFile(rc, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	var vars []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "LOGTO_") {
			continue
		}
		vars = append(vars, kv)
	}
	vars = append(vars, "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	for k, v := range env {
		vars = append(vars, k+"="+v)
	}
	return &terraform{t: t, dir: dir, env: vars}
}

// run runs terraform with args and returns its output and exit status.
func (tf *terraform) run(args ...string) (string, int) {
	tf.t.Helper()
	cmd := exec.CommandContext(context.Background(), "terraform", args...)
	cmd.Dir, cmd.Env = tf.dir, tf.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &exit):
		return out.String(), exit.ExitCode()
	}
	tf.t.Fatalf("terraform %v: %v", args, err)
	return "", -1
}

var planLine = regexp.MustCompile(`Plan: (?:(\d+) to import, )?(\d+) to add, (\d+) to change, (\d+) to destroy\.`)

// planSummary is the numbers of a plan's summary line.
type planSummary struct{ imports, add, change, destroy int }

func parsePlan(out string) (planSummary, bool) {
	m := planLine.FindStringSubmatch(out)
	if m == nil {
		return planSummary{}, false
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	return planSummary{imports: n(m[1]), add: n(m[2]), change: n(m[3]), destroy: n(m[4])}, true
}
