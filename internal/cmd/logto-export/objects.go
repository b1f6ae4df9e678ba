package main

import (
	"slices"
	"strings"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// object is one resource the export writes.
type object struct {
	typ string
	// id is the Logto id other resources refer to ("" for links).
	id string
	// importID is the id of the import block.
	importID string
	// name is the object's name in Logto, for comments and messages.
	name    string
	created int64
	// parent and partner name a link or child object: its label is built
	// from theirs (or from partnerName when the partner is not exported).
	parent      *object
	partner     *object
	partnerName string
	// base is the label before it is made unique; label the final name.
	base  string
	label string
}

// key orders objects of one base: the import id is unique per type.
func (o *object) key() string { return o.importID }

// address is the resource address, e.g. logto_application.web.
func (o *object) address() string { return o.typ + "." + o.label }

// plan is what the export writes.
type plan struct {
	objects []*object
	// byID finds the exported object of a type by its Logto id.
	byID map[string]map[string]*object
	// names of objects that are not exported, by id, for comments.
	names map[string]string
}

// planExport chooses the objects to export and names them.
func planExport(t *tenant, sel selection) *plan {
	p := &plan{byID: map[string]map[string]*object{}, names: map[string]string{}}
	add := func(o *object) { p.objects = append(p.objects, o) }
	keep := func(name string, builtin bool) bool {
		return sel.nameMatches(name) && (!builtin || sel.includeBuiltin)
	}

	apps := map[string]*object{}
	for _, a := range t.apps {
		p.names[a.ID] = a.Name
		if !keep(a.Name, t.builtin.apps[a.ID]) {
			continue
		}
		app := &object{typ: "logto_application", id: a.ID, importID: a.ID, name: a.Name, created: a.CreatedAt}
		apps[a.ID] = app
		if sel.has(app.typ) {
			add(app)
		}
		if sel.has("logto_application_secret") {
			for _, s := range t.secrets[a.ID] {
				if s.Name == logto.DefaultSecretName {
					continue // logto_application's secret attribute
				}
				add(&object{typ: "logto_application_secret", importID: a.ID + "/" + s.Name, name: s.Name,
					created: s.CreatedAt, parent: app})
			}
		}
		if sel.has("logto_application_roles") && len(t.appRoles[a.ID]) > 0 {
			add(&object{typ: "logto_application_roles", importID: a.ID, name: a.Name, parent: app})
		}
	}
	for _, c := range t.connectors {
		p.names[c.ID] = c.ConnectorName
		if sel.has("logto_sso_connector") && keep(c.ConnectorName, false) {
			add(&object{typ: "logto_sso_connector", id: c.ID, importID: c.ID, name: c.ConnectorName, created: c.CreatedAt})
		}
	}
	if sel.singletons {
		add(&object{typ: "logto_sign_in_experience", importID: "default", name: "sign-in experience", base: "this"})
	}
	for _, s := range t.orgScopes {
		p.names[s.ID] = s.Name
		if sel.has("logto_organization_scope") && keep(s.Name, false) {
			add(&object{typ: "logto_organization_scope", id: s.ID, importID: s.ID, name: s.Name})
		}
	}
	for _, r := range t.orgRoles {
		p.names[r.ID] = r.Name
		if sel.has("logto_organization_role") && keep(r.Name, false) {
			add(&object{typ: "logto_organization_role", id: r.ID, importID: r.ID, name: r.Name})
		}
	}
	users := map[string]*object{}
	for _, u := range t.users {
		name := userName(&u)
		p.names[u.ID] = name
		if !keep(name, false) {
			continue
		}
		user := &object{typ: "logto_user", id: u.ID, importID: u.ID, name: name, created: u.CreatedAt}
		users[u.ID] = user
		if sel.has(user.typ) {
			add(user)
		}
		if sel.has("logto_user_roles") && len(t.userRoles[u.ID]) > 0 {
			add(&object{typ: "logto_user_roles", importID: u.ID, name: name, parent: user})
		}
	}
	for _, o := range t.orgs {
		p.names[o.ID] = o.Name
		if !keep(o.Name, false) {
			continue
		}
		org := &object{typ: "logto_organization", id: o.ID, importID: o.ID, name: o.Name, created: o.CreatedAt}
		if sel.has(org.typ) {
			add(org)
		}
		if sel.has("logto_organization_application") {
			for _, appID := range t.orgApps[o.ID] {
				if t.builtin.apps[appID] && !sel.includeBuiltin {
					continue
				}
				add(&object{typ: "logto_organization_application", importID: o.ID + "/" + appID, name: o.Name,
					parent: org, partner: apps[appID], partnerName: p.names[appID]})
			}
		}
		if sel.has("logto_organization_member") {
			for _, userID := range t.orgUsers[o.ID] {
				add(&object{typ: "logto_organization_member", importID: o.ID + "/" + userID, name: o.Name,
					parent: org, partner: users[userID], partnerName: p.names[userID]})
			}
		}
	}
	for _, r := range t.resources {
		p.names[r.ID] = r.Name
		if !keep(r.Name, t.builtin.resources[r.ID]) {
			continue
		}
		res := &object{typ: "logto_api_resource", id: r.ID, importID: r.ID, name: r.Name}
		if sel.has(res.typ) {
			add(res)
		}
		for _, s := range t.scopes[r.ID] {
			p.names[s.ID] = s.Name
			if sel.has("logto_api_resource_scope") {
				add(&object{typ: "logto_api_resource_scope", id: s.ID, importID: r.ID + "/" + s.ID, name: s.Name,
					created: s.CreatedAt, parent: res})
			}
		}
	}
	for _, r := range t.roles {
		p.names[r.ID] = r.Name
		if sel.has("logto_role") && keep(r.Name, t.builtin.roles[r.ID]) {
			add(&object{typ: "logto_role", id: r.ID, importID: r.ID, name: r.Name})
		}
	}

	p.name()
	for _, o := range p.objects {
		if o.id != "" {
			if p.byID[o.typ] == nil {
				p.byID[o.typ] = map[string]*object{}
			}
			p.byID[o.typ][o.id] = o
		}
	}
	p.sort()
	return p
}

// fallbacks name objects whose name has nothing to spell in ASCII.
var fallbacks = map[string]string{
	"logto_application": "application", "logto_sso_connector": "sso_connector",
	"logto_organization_scope": "organization_scope", "logto_organization_role": "organization_role",
	"logto_organization": "organization", "logto_api_resource": "api_resource", "logto_api_resource_scope": "scope",
	"logto_role": "role", "logto_user": "user", "logto_application_secret": "secret",
}

// name labels the top-level objects (and the parents of exported children,
// exported or not), then the children and links from them.
func (p *plan) name() {
	byType := map[string][]*object{}
	seen := map[*object]bool{}
	visit := func(o *object) {
		if o == nil || seen[o] {
			return
		}
		seen[o] = true
		if o.parent == nil && o.base == "" {
			o.base = baseLabel(o.name, fallbacks[o.typ])
		}
		byType[o.typ] = append(byType[o.typ], o)
	}
	for _, o := range p.objects {
		visit(o.parent)
		visit(o.partner)
		if o.parent == nil {
			visit(o)
		}
	}
	for _, objs := range byType {
		assignLabels(objs)
	}
	children := map[string][]*object{}
	for _, o := range p.objects {
		if o.parent == nil {
			continue
		}
		switch o.typ {
		case "logto_application_roles", "logto_user_roles":
			o.base = o.parent.label
		case "logto_organization_application", "logto_organization_member":
			other := baseLabel(o.partnerName, "member")
			if o.partner != nil {
				other = o.partner.label
			}
			o.base = o.parent.label + "_" + strings.TrimPrefix(other, "_")
		default:
			own, lossy := sanitize(o.name)
			if own == "" || lossy {
				own = strings.TrimPrefix(baseLabel(o.name, fallbacks[o.typ]), "_")
			}
			o.base = o.parent.label + "_" + own
		}
		children[o.typ] = append(children[o.typ], o)
	}
	for _, objs := range children {
		assignLabels(objs)
	}
}

// sort orders objects as the files show them: by type, then label.
func (p *plan) sort() {
	order := map[string]int{}
	for i, t := range exportTypes {
		order[t.name] = i
	}
	slices.SortStableFunc(p.objects, func(a, b *object) int {
		if a.typ != b.typ {
			return order[a.typ] - order[b.typ]
		}
		return strings.Compare(a.label, b.label)
	})
}
