package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// The unmanaged report: objects in the tenant that no managed resource of a
// state holds. It covers the objects that have an id and a name:
// applications, their secrets, SSO connectors, organizations, organization
// roles and scopes, API resources, their scopes, roles, and users (with
// -users). Children (application secrets, API resource scopes) are reported
// only when their parent is managed: an unmanaged parent's line covers them.
// Links (role assignments, memberships) and the sign-in experience are not
// objects of their own and are not reported.

// unmanagedObject is one line of the report.
type unmanagedObject struct {
	typ, id, name string
}

// stateDoc is the part of `terraform show -json` output the report reads,
// or of a state file (version 4), which has resources at the top.
type stateDoc struct {
	Values *struct {
		RootModule stateModule `json:"root_module"`
	} `json:"values"`
	Resources []struct {
		Mode      string `json:"mode"`
		Type      string `json:"type"`
		Instances []struct {
			Attributes map[string]any `json:"attributes"`
		} `json:"instances"`
	} `json:"resources"`
}

type stateModule struct {
	Resources []struct {
		Mode   string         `json:"mode"`
		Type   string         `json:"type"`
		Values map[string]any `json:"values"`
	} `json:"resources"`
	ChildModules []stateModule `json:"child_modules"`
}

// managedIDs returns, by resource type, the import ids (the Logto id, or
// <application_id>/<name> for secrets) of the managed resources in a state.
func managedIDs(data []byte) (map[string]map[string]bool, error) {
	var doc stateDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("reading the state: %w (give terraform show -json output)", err)
	}
	out := map[string]map[string]bool{}
	add := func(typ string, values map[string]any) {
		str := func(k string) string { s, _ := values[k].(string); return s }
		id := str("id")
		if typ == "logto_application_secret" {
			id = str("application_id") + "/" + str("name")
		}
		if out[typ] == nil {
			out[typ] = map[string]bool{}
		}
		out[typ][id] = true
	}
	var walk func(m stateModule)
	walk = func(m stateModule) {
		for _, r := range m.Resources {
			if r.Mode == "managed" && strings.HasPrefix(r.Type, "logto_") {
				add(r.Type, r.Values)
			}
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	if doc.Values != nil {
		walk(doc.Values.RootModule)
	}
	for _, r := range doc.Resources {
		if r.Mode == "managed" && strings.HasPrefix(r.Type, "logto_") {
			for _, inst := range r.Instances {
				add(r.Type, inst.Attributes)
			}
		}
	}
	return out, nil
}

// findUnmanaged lists the tenant's objects that are not in managed.
func findUnmanaged(t *tenant, sel selection, managed map[string]map[string]bool) []unmanagedObject {
	var out []unmanagedObject
	check := func(typ, id, name string, builtin bool) {
		if !sel.has(typ) || builtin && !sel.includeBuiltin || managed[typ][id] {
			return
		}
		out = append(out, unmanagedObject{typ: typ, id: id, name: name})
	}
	for _, a := range t.apps {
		check("logto_application", a.ID, a.Name, t.builtin.apps[a.ID])
		if managed["logto_application"][a.ID] {
			for _, s := range t.secrets[a.ID] {
				if s.Name != logto.DefaultSecretName {
					check("logto_application_secret", a.ID+"/"+s.Name, s.Name, false)
				}
			}
		}
	}
	for _, c := range t.connectors {
		check("logto_sso_connector", c.ID, c.ConnectorName, false)
	}
	for _, o := range t.orgs {
		check("logto_organization", o.ID, o.Name, false)
	}
	for _, r := range t.orgRoles {
		check("logto_organization_role", r.ID, r.Name, false)
	}
	for _, s := range t.orgScopes {
		check("logto_organization_scope", s.ID, s.Name, false)
	}
	for _, r := range t.resources {
		check("logto_api_resource", r.ID, r.Name, t.builtin.resources[r.ID])
		if managed["logto_api_resource"][r.ID] {
			for _, s := range t.scopes[r.ID] {
				check("logto_api_resource_scope", s.ID, s.Name, false)
			}
		}
	}
	for _, r := range t.roles {
		check("logto_role", r.ID, r.Name, t.builtin.roles[r.ID])
	}
	for _, u := range t.users {
		check("logto_user", u.ID, userName(&u), false)
	}
	return out
}

// reportUnmanaged runs the report and returns how many objects it listed.
func reportUnmanaged(ctx context.Context, s settings, sel selection, o options, stdin io.Reader, stdout io.Writer) (int, error) {
	var data []byte
	var err error
	if o.unmanaged == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(o.unmanaged)
	}
	if err != nil {
		return 0, fmt.Errorf("reading the state: %w", err)
	}
	managed, err := managedIDs(data)
	if err != nil {
		return 0, err
	}
	c, err := s.client()
	if err != nil {
		return 0, err
	}
	t, err := readTenant(ctx, c, s, reading{
		secrets:    sel.has("logto_application_secret"),
		scopes:     sel.has("logto_api_resource_scope"),
		roleScopes: sel.has("logto_role"),
		users:      sel.has("logto_user"),
	})
	if err != nil {
		return 0, err
	}
	all := findUnmanaged(t, sel, managed)
	var found []unmanagedObject
	ignored := 0
	for _, u := range all {
		if slices.ContainsFunc(o.ignore, func(g *glob) bool { return g.match(u.name) }) {
			ignored++
			continue
		}
		found = append(found, u)
	}
	printReport(stdout, found, ignored)
	return len(found), nil
}

func printReport(w io.Writer, found []unmanagedObject, ignored int) {
	note := ""
	if ignored > 0 {
		note = fmt.Sprintf(" (%d more ignored by -ignore)", ignored)
	}
	if len(found) == 0 {
		fmt.Fprintf(w, "No unmanaged objects: the state manages every object in the tenant%s.\n", note)
		return
	}
	byType := map[string][]unmanagedObject{}
	for _, u := range found {
		byType[u.typ] = append(byType[u.typ], u)
	}
	if len(found) == 1 {
		fmt.Fprintf(w, "1 object in the tenant is not managed by the state%s:\n", note)
	} else {
		fmt.Fprintf(w, "%d objects in the tenant are not managed by the state%s:\n", len(found), note)
	}
	types := typeNames()
	for _, typ := range types {
		list := byType[typ]
		if len(list) == 0 {
			continue
		}
		slices.SortFunc(list, func(a, b unmanagedObject) int {
			if c := strings.Compare(a.name, b.name); c != 0 {
				return c
			}
			return strings.Compare(a.id, b.id)
		})
		fmt.Fprintf(w, "\n%s (%d):\n", typ, len(list))
		for _, u := range list {
			fmt.Fprintf(w, "  %-26s %q\n", u.id, u.name)
		}
	}
	fmt.Fprintln(w, "\nBring them under Terraform with logto-export -out DIR -name PATTERN, delete them, or ignore them with -ignore PATTERN.")
}
