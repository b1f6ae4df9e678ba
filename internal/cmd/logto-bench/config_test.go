package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/faccc625/terraform-provider-logto/internal/provider"
)

// resourceBlock matches the resource blocks of a generated configuration.
var resourceBlock = regexp.MustCompile(`(?m)^resource "([a-z_]+)" "([a-z_0-9]+)" \{$`)

// providerTypes returns the resource type names the provider has.
func providerTypes(t *testing.T) []string {
	t.Helper()
	p := provider.New("test")()
	var names []string
	for _, newResource := range p.Resources(context.Background()) {
		var resp resource.MetadataResponse
		newResource().Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "logto"}, &resp)
		names = append(names, resp.TypeName)
	}
	sort.Strings(names)
	return names
}

func blockTypesOf(hcl string) []string {
	seen := map[string]bool{}
	for _, m := range resourceBlock.FindAllStringSubmatch(hcl, -1) {
		seen[m[1]] = true
	}
	out := make([]string, 0, len(seen))
	for typ := range seen {
		out = append(out, typ)
	}
	sort.Strings(out)
	return out
}

func keys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestGenerate_allCoversEveryProviderType checks that the "all" mix has a
// resource of every type the provider registers, and counts exactly what it
// writes: as many instances as asked for once n is past one block.
func TestGenerate_allCoversEveryProviderType(t *testing.T) {
	want := providerTypes(t)
	if len(want) < 10 {
		t.Fatalf("the provider lists only %d resource types: %v", len(want), want)
	}
	for _, n := range []int{blockSize + 1, 100, 1_000, 5_000} {
		cfg, err := Generate(n, "all", "http://127.0.0.1:1/issuer")
		if err != nil {
			t.Fatal(err)
		}
		if got := blockTypesOf(cfg.HCL); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("n=%d: the configuration has resource types %v, the provider %v", n, got, want)
		}
		if got := keys(cfg.Objects); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("n=%d: Objects counts types %v, the provider has %v", n, got, want)
		}
		if cfg.Total() != n {
			t.Errorf("n=%d: %d objects generated", n, cfg.Total())
		}
		blocks := (n - 1) / blockSize
		if !strings.Contains(cfg.HCL, "blocks = "+strconv.Itoa(blocks)+"\n") {
			t.Errorf("n=%d: the configuration does not declare %d blocks", n, blocks)
		}
		// Every counted resource block but the singleton and the extra
		// applications has count = local.blocks.
		if got := strings.Count(cfg.HCL, "count = local.blocks\n") + strings.Count(cfg.HCL, "count          = local.blocks\n"); got == 0 {
			t.Errorf("n=%d: no block-counted resource", n)
		}
		if cfg.Objects["logto_sign_in_experience"] != 1 {
			t.Errorf("n=%d: %d sign-in experiences, want the singleton once", n, cfg.Objects["logto_sign_in_experience"])
		}
		if !strings.Contains(cfg.HCL, `issuer        = "http://127.0.0.1:1/issuer"`) {
			t.Errorf("n=%d: the SSO connectors do not use the given issuer", n)
		}
	}
	// Positive control: a configuration missing one type is told apart.
	cfg, err := Generate(100, "all", "http://127.0.0.1:1/issuer")
	if err != nil {
		t.Fatal(err)
	}
	trimmed := strings.Replace(cfg.HCL, `resource "logto_user_role" "b" {`, `resource "terraform_data" "b" {`, 1)
	if got := blockTypesOf(trimmed); strings.Join(got, " ") == strings.Join(want, " ") {
		t.Error("removing logto_user_role went unnoticed: the coverage check cannot fail")
	}
	// Below one block, one whole block is made anyway.
	small, err := Generate(5, "", "http://127.0.0.1:1/issuer")
	if err != nil {
		t.Fatal(err)
	}
	if small.Total() != blockSize+1 {
		t.Errorf("n=5: %d objects, want one block and the sign-in experience (%d)", small.Total(), blockSize+1)
	}
}

// TestGenerate_singleTypes splits n over the listed types, accepts names with
// or without the logto_ prefix, and refuses unknown types and all-or-nothing
// mistakes.
func TestGenerate_singleTypes(t *testing.T) {
	cfg, err := Generate(11, "application, logto_user,user", "")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Objects["logto_application"] != 6 || cfg.Objects["logto_user"] != 5 || len(cfg.Objects) != 2 {
		t.Errorf("11 objects over application and user: %v", cfg.Objects)
	}
	if got := blockTypesOf(cfg.HCL); strings.Join(got, " ") != "logto_application logto_user" {
		t.Errorf("resource types %v", got)
	}
	if !strings.Contains(cfg.HCL, "count = 6\n") || !strings.Contains(cfg.HCL, "count = 5\n") {
		t.Errorf("counts not written:\n%s", cfg.HCL)
	}
	for _, typ := range SingleTypes() {
		one, err := Generate(500, typ, "")
		if err != nil {
			t.Errorf("%s: %v", typ, err)
			continue
		}
		if one.Objects[typ] != 500 || one.Total() != 500 {
			t.Errorf("%s: %v", typ, one.Objects)
		}
	}
	for _, bad := range []struct {
		n     int
		types string
	}{{10, "logto_application_secret"}, {10, "nonsense"}, {1, "user,role"}, {0, "all"}} {
		if _, err := Generate(bad.n, bad.types, ""); err == nil {
			t.Errorf("Generate(%d, %q) did not fail", bad.n, bad.types)
		}
	}
}

// TestFloor makes n terraform_data instances and nothing else.
func TestFloor(t *testing.T) {
	f := Floor(1_000)
	if f.Total() != 1_000 || f.Objects["terraform_data"] != 1_000 {
		t.Errorf("floor objects %v", f.Objects)
	}
	if got := blockTypesOf(f.HCL); strings.Join(got, " ") != "terraform_data" || !strings.Contains(f.HCL, "count = 1000\n") {
		t.Errorf("floor configuration:\n%s", f.HCL)
	}
}

// TestShapedFloor turns the "all" configuration into terraform_data resources
// with the same counts and references: one terraform_data block per resource
// block of the original, every count line kept, every reference to a
// resource of the provider pointing at its terraform_data twin, nothing of
// the provider left; terraform validate accepts it when terraform is on PATH.
// A configuration whose block is not closed is refused.
func TestShapedFloor(t *testing.T) {
	cfg, err := Generate(1_000, "all", "http://127.0.0.1/issuer")
	if err != nil {
		t.Fatal(err)
	}
	shaped, err := ShapedFloor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if shaped.Total() != cfg.Total() || len(shaped.Objects) != 1 {
		t.Errorf("objects %v for %d", shaped.Objects, cfg.Total())
	}
	original := resourceBlock.FindAllStringSubmatch(cfg.HCL, -1)
	twins := resourceBlock.FindAllStringSubmatch(shaped.HCL, -1)
	if len(twins) != len(original) || len(original) < 20 {
		t.Fatalf("%d resource blocks for %d", len(twins), len(original))
	}
	for i, o := range original {
		if want := strings.TrimPrefix(o[1], "logto_") + "__" + o[2]; twins[i][1] != "terraform_data" || twins[i][2] != want {
			t.Errorf("block %d: %v, want terraform_data %s", i, twins[i][1:], want)
		}
	}
	counts := regexp.MustCompile(`(?m)^  count +=.*$`)
	if a, b := counts.FindAllString(cfg.HCL, -1), counts.FindAllString(shaped.HCL, -1); strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("count lines differ:\n%v\n%v", a, b)
	}
	for _, want := range []string{
		"resource_id = terraform_data.api_resource__api[count.index].id",
		"jit_sso_connector_ids = [terraform_data.sso_connector__oidc[count.index].id]",
		"oidc = {",
	} {
		if !strings.Contains(shaped.HCL, want) {
			t.Errorf("shaped configuration lacks %q", want)
		}
	}
	if strings.Contains(shaped.HCL, "logto") {
		t.Errorf("shaped configuration still names the provider:\n%s", shaped.HCL)
	}
	if _, err := ShapedFloor(Config{HCL: "resource \"logto_user\" \"a\" {\n  username = \"x\"\n"}); err == nil {
		t.Error("an unclosed block was accepted")
	}

	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Log("terraform is not on PATH: not validated")
		return
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(shaped.HCL), 0o600); err != nil {
		t.Fatal(err)
	}
	validate := exec.Command(tf, "validate", "-no-color")
	validate.Dir = dir
	validate.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1", "TF_CLI_CONFIG_FILE=")
	if out, err := validate.CombinedOutput(); err != nil {
		t.Errorf("terraform validate: %v\n%s", err, out)
	}
}
