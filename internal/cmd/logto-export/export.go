package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// Files the export writes besides the domain files.
const (
	providersFile = "providers.tf"
	importsFile   = "imports.tf"
	variablesFile = "variables.tf"
)

// export writes the configuration of the selected objects into o.out.
func export(ctx context.Context, s settings, sel selection, o options, stdout io.Writer) error {
	if err := checkOut(o.out, o.force); err != nil {
		return err
	}
	c, err := s.client()
	if err != nil {
		return err
	}
	t, err := readTenant(ctx, c, s, reading{
		secrets:    sel.has("logto_application_secret"),
		appRoles:   sel.has("logto_application_roles"),
		scopes:     sel.has("logto_api_resource_scope") || sel.has("logto_role"),
		roleScopes: sel.has("logto_role"),
		orgMembers: sel.has("logto_organization_application") || sel.has("logto_organization_member"),
		users:      sel.has("logto_user") || sel.has("logto_user_roles") || sel.has("logto_organization_member"),
		userRoles:  sel.has("logto_user_roles"),
	})
	if err != nil {
		return err
	}
	p := planExport(t, sel)
	r := &renderer{plan: p}
	if sel.singletons {
		if r.sieKeep, err = signInExperienceChanges(ctx, c); err != nil {
			return err
		}
	}

	im, err := newImporter(ctx, s)
	if err != nil {
		return err
	}
	states := make([]tftypes.Value, len(p.objects))
	gone := make([]bool, len(p.objects))
	var jobs []func(context.Context) error
	for i, obj := range p.objects {
		jobs = append(jobs, func(ctx context.Context) error {
			v, err := im.read(ctx, obj.typ, obj.importID)
			if errors.Is(err, errGone) {
				gone[i] = true
				return nil
			}
			if err != nil {
				return fmt.Errorf("importing %s (%s %q): %w", obj.address(), obj.typ, obj.importID, err)
			}
			states[i] = v
			return nil
		})
	}
	if err := runAll(ctx, jobs); err != nil {
		return err
	}
	var kept []*object
	var keptStates []tftypes.Value
	for i, obj := range p.objects {
		if gone[i] {
			fmt.Fprintf(stdout, "skipped %s: %s %q was deleted while exporting\n", obj.address(), obj.typ, obj.importID)
			if obj.id != "" {
				delete(p.byID[obj.typ], obj.id)
			}
			continue
		}
		kept = append(kept, obj)
		keptStates = append(keptStates, states[i])
	}
	p.objects = kept

	files := map[string]*strings.Builder{}
	for i, obj := range p.objects {
		block, err := r.resource(obj, im.schemas[obj.typ], keptStates[i])
		if err != nil {
			return err
		}
		name := typeInfoOf(obj.typ).file
		if files[name] == nil {
			files[name] = &strings.Builder{}
		}
		if files[name].Len() > 0 {
			files[name].WriteString("\n")
		}
		files[name].WriteString(block)
	}
	out := map[string]string{providersFile: providersHCL(), importsFile: importsHCL(p.objects)}
	for name, b := range files {
		out[name] = fileHeader(name) + b.String()
	}
	if len(r.vars) > 0 {
		out[variablesFile] = variablesHCL(r.vars)
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	for name, text := range out {
		formatted := hclwrite.Format([]byte(text))
		if err := os.WriteFile(filepath.Join(o.out, name), formatted, 0o644); err != nil {
			return err
		}
	}
	summary(stdout, o.out, p.objects, r.vars)
	return nil
}

// ourFiles are every file an export may write.
func ourFiles() []string {
	files := []string{providersFile, importsFile, variablesFile}
	for _, t := range exportTypes {
		if !slices.Contains(files, t.file) {
			files = append(files, t.file)
		}
	}
	return files
}

// checkOut refuses to overwrite a previous export unless forced; forced, it
// removes the files of the previous export, so that none is left stale.
func checkOut(dir string, force bool) error {
	var existing []string
	for _, f := range ourFiles() {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			existing = append(existing, f)
		}
	}
	if len(existing) == 0 {
		return nil
	}
	if !force {
		return fmt.Errorf("%s already holds %s: choose an empty directory, or give -force to replace them",
			dir, strings.Join(existing, ", "))
	}
	for _, f := range existing {
		if err := os.Remove(filepath.Join(dir, f)); err != nil {
			return err
		}
	}
	return nil
}

// signInExperienceChanges lists the sign-in experience's attributes whose
// Logto key differs from Logto's defaults: those are written, the others left
// unmanaged.
func signInExperienceChanges(ctx context.Context, c *logto.Client) (map[string]bool, error) {
	current, err := c.GetSignInExperience(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the sign-in experience: %w", err)
	}
	fields := func(e *logto.SignInExperience) (map[string]json.RawMessage, error) {
		raw, err := json.Marshal(e)
		if err != nil {
			return nil, err
		}
		var m map[string]json.RawMessage
		return m, json.Unmarshal(raw, &m)
	}
	def := logto.DefaultSignInExperience()
	have, err := fields(current)
	if err != nil {
		return nil, err
	}
	want, err := fields(&def)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for key, v := range have {
		if key == "id" || key == "tenantId" {
			continue // not settings
		}
		if !jsonEqual(v, want[key]) {
			keep[snakeCase(key)] = true
		}
	}
	return keep, nil
}

// jsonEqual compares two JSON documents by value.
func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return string(a) == string(b)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

// snakeCase turns Logto's camelCase keys into attribute names.
func snakeCase(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func fileHeader(name string) string {
	return fmt.Sprintf("# %s: written by logto-export from the tenant's current configuration.\n"+
		"# Review it, then run terraform plan: it should show only imports.\n\n", name)
}

func providersHCL() string {
	return `# providers.tf: written by logto-export.
terraform {
  # import blocks need Terraform 1.5 or later.
  required_version = ">= 1.5.0"

  required_providers {
    logto = {
      source = "faccc625/logto"
    }
  }
}

# The provider reads LOGTO_ENDPOINT, LOGTO_CLIENT_ID, LOGTO_CLIENT_SECRET and
# LOGTO_RESOURCE, the settings logto-export read the tenant with.
provider "logto" {}
`
}

// importsHCL writes an import block for every object.
func importsHCL(objs []*object) string {
	var b strings.Builder
	b.WriteString("# imports.tf: written by logto-export. One import block per exported object:\n" +
		"# terraform plan shows them as imports, terraform apply records them in the state.\n" +
		"# Once applied, this file can be deleted.\n")
	last := ""
	for _, o := range objs {
		if o.typ != last {
			fmt.Fprintf(&b, "\n# %s\n", o.typ)
			last = o.typ
		}
		fmt.Fprintf(&b, "import {\n  to = %s\n  id = %s\n}\n", o.address(), quote(o.importID))
	}
	return b.String()
}

func variablesHCL(vars []variable) string {
	var b strings.Builder
	b.WriteString("# variables.tf: written by logto-export. Secrets Logto holds and logto-export does not write:\n" +
		"# give each one as TF_VAR_<name> (or in a *.tfvars file kept out of version control).\n")
	for _, v := range vars {
		fmt.Fprintf(&b, "\nvariable %q {\n  description = %s\n  type        = string\n  sensitive   = true\n}\n", v.name, quote(v.description))
	}
	return b.String()
}

// summary tells what was written and what to do next.
func summary(w io.Writer, dir string, objs []*object, vars []variable) {
	counts := map[string]int{}
	for _, o := range objs {
		counts[o.typ]++
	}
	fmt.Fprintf(w, "Exported %d objects into %s:\n", len(objs), dir)
	for _, t := range exportTypes {
		if counts[t.name] > 0 {
			fmt.Fprintf(w, "  %-32s %4d  (%s)\n", t.name, counts[t.name], t.file)
		}
	}
	fmt.Fprintf(w, "Import blocks: %s; provider: %s.\n", importsFile, providersFile)
	if len(vars) > 0 {
		fmt.Fprintf(w, "Secrets to supply (%s):\n", variablesFile)
		for _, v := range vars {
			fmt.Fprintf(w, "  TF_VAR_%s\n", v.name)
		}
	}
	fmt.Fprintf(w, "Next: review the files, then run terraform plan in %s: it should show %d to import, 0 to add, 0 to change, 0 to destroy.\n",
		dir, len(objs))
}
