package provider_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// Settings of TestAccProvider_lostAnswers, for a longer run than make test's:
//
//	LOGTO_FAULT_OBJECTS=500 LOGTO_FAULT_RATE=0.3 LOGTO_FAULT_SEED=7 make testacc TESTARGS='-run lostAnswers'
const (
	envFaultObjects = "LOGTO_FAULT_OBJECTS" // objects to apply; default 50
	envFaultRate    = "LOGTO_FAULT_RATE"    // share of requests faulted; default 0.2
	envFaultSeed    = "LOGTO_FAULT_SEED"    // the emulator's fault seed; default random (printed)
)

// lostAnswerTimeout is the provider's per-attempt timeout in this test; the
// "answer too late" fault waits longer than it.
const lostAnswerTimeout = 2 * time.Second

// TestAccProvider_lostAnswers applies objects of every type the provider
// manages (applications of each type and their secrets, API resources,
// scopes, roles and application role sets, users, SSO connectors of both
// families, the sign-in experience, organizations with just-in-time
// settings, organization roles and scopes) while about a fifth of all requests (token requests included) fail
// in every way a network can fail: refused before the server acts (503, 429,
// dropped connection), or after it acted (connection dropped, 502 or 503 from
// a proxy, an answer slower than the client's timeout). The first apply must
// succeed; afterwards the emulator holds every object exactly once and every
// one is in the state (no duplicate, no orphan); the plan after it is empty,
// an update (descriptions, secret renames) converges under the same faults,
// and destroy leaves nothing.
func TestAccProvider_lostAnswers(t *testing.T) {
	if acctest.RealLogto() {
		t.Skip("injects faults into the emulator")
	}
	t.Parallel()
	objects := envInt(t, envFaultObjects, 50)
	rate := envFloat(t, envFaultRate, 0.2)
	seed := uint64(rand.Uint32())
	if s := os.Getenv(envFaultSeed); s != "" {
		seed = uint64(envInt(t, envFaultSeed, 0))
	}
	t.Logf("%d objects, fault rate %.2f, %s=%d", objects, rate, envFaultSeed, seed)

	e := acctest.New(t)
	idp := acctest.NewMockIdP(t)
	prefix := acctest.RandomName("lost")
	fleet := newFleet(objects, prefix)
	faults := lostAnswerFaults(rate)
	inject := func() {
		for _, f := range faults {
			e.Emulator.InjectFault(f)
		}
	}
	e.Emulator.SeedFaults(seed)
	inject()

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(*terraform.State) error {
			e.Emulator.ClearFaults()
			if left := fleet.ours(e.Emulator.Applications()); len(left) > 0 {
				return fmt.Errorf("%d applications left after destroy: %v", len(left), left)
			}
			for _, r := range e.Emulator.Resources() {
				if strings.HasPrefix(r.Name, fleet.prefix) {
					return fmt.Errorf("API resource %s left after destroy", r.Name)
				}
			}
			for _, r := range e.Emulator.Roles() {
				if strings.HasPrefix(r.Name, fleet.prefix) {
					return fmt.Errorf("role %s left after destroy", r.Name)
				}
			}
			for _, c := range e.Emulator.SSOConnectors() {
				if strings.HasPrefix(c.ConnectorName, fleet.prefix) {
					return fmt.Errorf("SSO connector %s left after destroy", c.ConnectorName)
				}
			}
			for _, o := range e.Emulator.Organizations() {
				if strings.HasPrefix(o.Name, fleet.prefix) {
					return fmt.Errorf("organization %s left after destroy", o.Name)
				}
			}
			if n := len(e.Emulator.OrganizationRoles()) + len(e.Emulator.OrganizationScopes()); n > 0 {
				return fmt.Errorf("%d organization roles and scopes left after destroy", n)
			}
			if n := len(e.Emulator.UserIDsByUsername()); n > 0 {
				return fmt.Errorf("%d users left after destroy", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config:            fleet.config(e, idp, "v1"),
				ConfigStateChecks: []statecheck.StateCheck{fleet.exactlyOnce(t, e, "v1")},
				// Refreshed under the same faults, the plan is empty.
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config:            fleet.config(e, idp, "v2"),
				ConfigStateChecks: []statecheck.StateCheck{fleet.exactlyOnce(t, e, "v2")},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
	applied := e.Emulator.FaultsApplied()
	total := 0
	for _, n := range applied {
		total += n
	}
	requests := 0
	for _, n := range e.Emulator.RequestCounts() {
		requests += n
	}
	t.Logf("faults applied: %d of %d requests: %v", total, requests, applied)
	if total == 0 {
		t.Fatal("no fault was applied: the test proved nothing")
	}
	for _, f := range faults {
		if applied[faultKind(f)] == 0 && objects >= 50 && rate >= 0.1 {
			t.Errorf("fault %q never applied; every kind must be exercised", faultKind(f))
		}
	}
}

// lostAnswerFaults spreads rate over every way a request can fail, on every
// route and method.
func lostAnswerFaults(rate float64) []emulator.Fault {
	kinds := []emulator.Fault{
		{Status: 503},                  // refused before acting
		{Status: 429, RetryAfter: "0"}, // rate limited
		{Drop: true},                   // connection lost before acting
		{After: true, Drop: true},      // acted, connection lost
		{After: true, Status: 502},     // acted, proxy error
		{After: true, Status: 503},     // acted, proxy gave up
		{After: true, Delay: lostAnswerTimeout + 500*time.Millisecond}, // acted, answer too late
	}
	// Faults are tried in order, each with its own draw: the share of
	// requests faulted is 1-(1-p)^k; solve for p.
	p := 1 - math.Pow(1-rate, 1/float64(len(kinds)))
	for i := range kinds {
		kinds[i].Probability = p
	}
	return kinds
}

func faultKind(f emulator.Fault) string {
	phase := "before"
	if f.After {
		phase = "after"
	}
	switch {
	case f.Drop:
		return phase + " drop"
	case f.Status != 0:
		return phase + " status " + strconv.Itoa(f.Status)
	default:
		return phase + " delay"
	}
}

// fleet is the generated configuration: applications of every type, extra
// secrets on the machine-to-machine ones, API resources with scopes, and
// roles holding those scopes.
type fleet struct {
	prefix    string
	perType   map[string]int
	secrets   int
	resources int // each with scopesPer scopes and one role holding them
	orgs      int // each with JIT email domains and a JIT role, plus one organization role with scopesPer organization scopes
}

// scopesPer is the number of scopes of each API resource of the fleet.
const scopesPer = 2

var fleetTypes = []string{"Traditional", "SPA", "Native", "MachineToMachine", "Protected"}

// newFleet splits objects into about half applications, a tenth extra
// secrets, and API resources with their scopes and a role each (4 objects a
// resource).
func newFleet(objects int, prefix string) fleet {
	secrets := max(objects/10, 1)
	resources := max(objects*4/10/(2+scopesPer), 1)
	// The organization objects (8 by default) come on top: taking them from
	// the applications would leave fewer machine-to-machine applications
	// than application role sets, which then share an application.
	orgs := max(objects/25, 1)
	apps := max(objects-secrets-resources*(2+scopesPer), len(fleetTypes))
	f := fleet{prefix: prefix, perType: map[string]int{}, secrets: secrets, resources: resources, orgs: orgs}
	for i := range apps {
		f.perType[fleetTypes[i%len(fleetTypes)]]++
	}
	return f
}

func (f fleet) config(e *acctest.Env, idp *acctest.MockIdP, version string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `
provider "logto" {
  endpoint        = %q
  client_id       = %q
  client_secret   = %q
  resource        = %q
  max_retries     = 12
  request_timeout = %q
}
`, e.Endpoint, e.ClientID, e.ClientSecret, e.Resource, lostAnswerTimeout.String())
	for _, typ := range fleetTypes {
		extra := ""
		switch typ {
		case "Traditional", "SPA", "Native":
			extra = `redirect_uris = ["https://app.example.com/callback"]`
		case "Protected":
			extra = fmt.Sprintf(`protected_app_metadata = {
    sub_domain = "%s-${count.index}"
    origin     = "https://internal.example.com"
  }`, strings.ToLower(f.prefix))
		}
		fmt.Fprintf(&b, `
resource "logto_application" %q {
  count       = %d
  name        = "%s-%s-${count.index}"
  type        = %q
  description = %q
  %s
}
`, strings.ToLower(typ), f.perType[typ], f.prefix, typ, typ, version, extra)
	}
	fmt.Fprintf(&b, `
resource "logto_application_secret" "extra" {
  count          = %d
  application_id = logto_application.machinetomachine[count.index %% %d].id
  name           = "%s-${count.index}"
}
`, f.secrets, f.perType["MachineToMachine"], version)
	fmt.Fprintf(&b, `
resource "logto_api_resource" "api" {
  count     = %d
  name      = "%s-api-${count.index}-%s"
  indicator = "https://%s-${count.index}.example.com/api"
}

resource "logto_api_resource_scope" "scope" {
  count       = %d
  resource_id = logto_api_resource.api[floor(count.index / %d)].id
  name        = "%s:${count.index}"
  description = %q
}

resource "logto_role" "role" {
  count       = %d
  name        = "%s-role-${count.index}"
  description = %q
  type        = "MachineToMachine"
  scope_ids   = [for i in range(%d) : logto_api_resource_scope.scope[count.index * %d + i].id]
}
`, f.resources, f.prefix, version, strings.ToLower(f.prefix),
		f.resources*scopesPer, scopesPer, version, version,
		f.resources, f.prefix, version, scopesPer, scopesPer)
	// One connector of each family per two API resources, a user and an
	// application role set per API resource, and the sign-in experience.
	user := strings.ReplaceAll(f.prefix, "-", "_")
	fmt.Fprintf(&b, `
resource "logto_sso_connector" "oidc" {
  count          = %[1]d
  provider_name  = "OIDC"
  connector_name = "%[2]s-oidc-${count.index}"
  domains        = ["oidc${count.index}.%[3]s.example.com"]
  branding       = { display_name = %[4]q }
  oidc = {
    client_id     = "client-${count.index}"
    client_secret = "secret-%[4]s"
    issuer        = "%[5]s"
  }
}

resource "logto_sso_connector" "saml" {
  count          = %[1]d
  provider_name  = "SAML"
  connector_name = "%[2]s-saml-${count.index}"
  branding       = { display_name = %[4]q }
  saml = {
    metadata_url = %[6]q
  }
}

resource "logto_user" "user" {
  count = %[7]d
  username = "%[8]s_${count.index}"
  name     = %[4]q
}

resource "logto_application_roles" "m2m" {
  count          = %[7]d
  application_id = logto_application.machinetomachine[count.index %% %[9]d].id
  role_ids       = [logto_role.role[count.index].id]
}

resource "logto_sign_in_experience" "this" {
  single_sign_on_enabled = %[10]t
}
`, max(f.resources/2, 1), f.prefix, strings.ToLower(f.prefix), version, idp.Issuer("fleet"), idp.MetadataURL(),
		f.resources, user, f.perType["MachineToMachine"], version == "v2")
	// Organizations with just-in-time domains and a role from the template
	// (organization scopes and roles with scope links).
	fmt.Fprintf(&b, `
resource "logto_organization_scope" "oscope" {
  count       = %[1]d
  name        = "%[2]s-oscope-${count.index}"
  description = %[3]q
}

resource "logto_organization_role" "orole" {
  count                  = %[4]d
  name                   = "%[2]s-orole-${count.index}"
  description            = %[3]q
  organization_scope_ids = [for i in range(%[5]d) : logto_organization_scope.oscope[count.index * %[5]d + i].id]
}

resource "logto_organization" "org" {
  count             = %[4]d
  name              = "%[2]s-org-${count.index}"
  description       = %[3]q
  jit_email_domains = ["a${count.index}.%[6]s.example.com", "b${count.index}.%[6]s.example.com"]
  jit_role_ids      = [logto_organization_role.orole[count.index].id]
}
`, f.orgs*scopesPer, f.prefix, version, f.orgs, scopesPer, strings.ToLower(f.prefix))
	return b.String()
}

// ours returns the ids of the emulator's applications that this test made.
func (f fleet) ours(apps []emulator.Application) []string {
	var ids []string
	for _, a := range apps {
		if strings.HasPrefix(a.Name, f.prefix+"-") {
			ids = append(ids, a.ID)
		}
	}
	sort.Strings(ids)
	return ids
}

// exactlyOnce compares the emulator with the state: every application and
// secret of the configuration exists exactly once, with the configured
// version, and is the one in the state; nothing else of ours exists.
func (f fleet) exactlyOnce(t *testing.T, e *acctest.Env, version string) statecheck.StateCheck {
	return stateFunc(func(state map[string]map[string]any) error {
		// What the state tracks.
		stateApps := map[string]string{} // id -> address
		stateSecrets := map[string]bool{}
		for address, attrs := range state {
			id, _ := attrs["id"].(string)
			switch {
			case strings.HasPrefix(address, "logto_application."):
				stateApps[id] = address
			case strings.HasPrefix(address, "logto_application_secret."):
				stateSecrets[id] = true
			}
		}
		// What the emulator holds.
		byName := map[string]int{}
		var orphans []string
		dupSecrets, orphanSecrets, wrongDescriptions := 0, 0, 0
		for _, a := range e.Emulator.Applications() {
			if !strings.HasPrefix(a.Name, f.prefix+"-") {
				continue
			}
			byName[a.Name]++
			if _, tracked := stateApps[a.ID]; !tracked {
				orphans = append(orphans, a.ID+" "+a.Name)
			}
			if a.Description == nil || *a.Description != version {
				wrongDescriptions++
			}
			names := map[string]int{}
			for _, n := range e.Emulator.ApplicationSecretNames(a.ID) {
				names[n]++
				if names[n] == 2 {
					dupSecrets++
				}
				if n != "Default secret" && !stateSecrets[a.ID+"/"+n] {
					orphanSecrets++
				}
			}
		}
		var dups []string
		wantApps := 0
		for _, n := range f.perType {
			wantApps += n
		}
		for name, n := range byName {
			if n > 1 {
				dups = append(dups, fmt.Sprintf("%s×%d", name, n))
			}
		}
		t.Logf("%s: %d applications (%d distinct names), %d in state, %d secrets in state; duplicates %d, orphans %d, duplicate secrets %d, orphan secrets %d",
			version, len(byName), len(byName), len(stateApps), len(stateSecrets), len(dups), len(orphans), dupSecrets, orphanSecrets)
		switch {
		case len(dups) > 0:
			return fmt.Errorf("duplicate applications: %v", dups)
		case len(orphans) > 0:
			return fmt.Errorf("applications not in the state (orphans): %v", orphans)
		case dupSecrets+orphanSecrets > 0:
			return fmt.Errorf("%d duplicate and %d untracked secrets", dupSecrets, orphanSecrets)
		case len(byName) != wantApps || len(stateApps) != wantApps:
			return fmt.Errorf("%d applications in the emulator and %d in the state, want %d", len(byName), len(stateApps), wantApps)
		case len(stateSecrets) != f.secrets:
			return fmt.Errorf("%d secrets in the state, want %d", len(stateSecrets), f.secrets)
		case wrongDescriptions > 0:
			return fmt.Errorf("%d applications do not have description %q", wrongDescriptions, version)
		}
		for id := range stateSecrets {
			appID, name, _ := strings.Cut(id, "/")
			found := false
			for _, n := range e.Emulator.ApplicationSecretNames(appID) {
				found = found || n == name
			}
			if !found || !strings.HasPrefix(name, version+"-") {
				return fmt.Errorf("secret %s in the state is not in the emulator under the %s name", id, version)
			}
		}
		return f.accessExactlyOnce(t, e, state, version)
	})
}

// accessExactlyOnce compares the emulator's API resources, scopes and roles
// (and the roles' scope links) with the state.
func (f fleet) accessExactlyOnce(t *testing.T, e *acctest.Env, state map[string]map[string]any, version string) error {
	inState := map[string]map[string]bool{} // type -> ids
	for address, attrs := range state {
		typ, _, _ := strings.Cut(address, ".")
		id, _ := attrs["id"].(string)
		if inState[typ] == nil {
			inState[typ] = map[string]bool{}
		}
		inState[typ][id] = true
	}
	var problems []string
	count := func(typ, id, name string, seen map[string]int) {
		seen[name]++
		if seen[name] == 2 {
			problems = append(problems, "duplicate "+typ+" "+name)
		}
		if !inState[typ][id] {
			problems = append(problems, "orphan "+typ+" "+id+" "+name)
		}
	}
	resources, scopes, roles := map[string]int{}, map[string]int{}, map[string]int{}
	ours := map[string]bool{}
	for _, r := range e.Emulator.Resources() {
		if strings.HasPrefix(r.Name, f.prefix+"-api-") {
			ours[r.ID] = true
			count("logto_api_resource", r.ID, r.Name, resources)
			if !strings.HasSuffix(r.Name, "-"+version) {
				problems = append(problems, "resource "+r.Name+" not renamed to "+version)
			}
		}
	}
	for _, sc := range e.Emulator.ResourceScopes() {
		if ours[sc.ResourceID] {
			count("logto_api_resource_scope", sc.ID, sc.ResourceID+"/"+sc.Name, scopes)
		}
	}
	for _, r := range e.Emulator.Roles() {
		if !strings.HasPrefix(r.Name, f.prefix+"-role-") {
			continue
		}
		count("logto_role", r.ID, r.Name, roles)
		if got := len(e.Emulator.RoleScopeIDs(r.ID)); got != scopesPer {
			problems = append(problems, fmt.Sprintf("role %s holds %d scopes, want %d", r.Name, got, scopesPer))
		}
	}
	connectors, users := map[string]int{}, map[string]int{}
	for _, c := range e.Emulator.SSOConnectors() {
		if strings.HasPrefix(c.ConnectorName, f.prefix+"-") {
			count("logto_sso_connector", c.ID, c.ConnectorName, connectors)
		}
	}
	userPrefix := strings.ReplaceAll(f.prefix, "-", "_") + "_"
	for username, ids := range e.Emulator.UserIDsByUsername() {
		if strings.HasPrefix(username, userPrefix) {
			for _, id := range ids {
				count("logto_user", id, username, users)
			}
		}
	}
	t.Logf("%s: %d API resources, %d scopes, %d roles, %d SSO connectors, %d users in the emulator; %d problems",
		version, len(resources), len(scopes), len(roles), len(connectors), len(users), len(problems))
	if want := 2 * max(f.resources/2, 1); len(connectors) != want || len(users) != f.resources {
		problems = append(problems, fmt.Sprintf("%d SSO connectors and %d users, want %d and %d", len(connectors), len(users), want, f.resources))
	}
	switch {
	case len(problems) > 0:
		return fmt.Errorf("access objects: %v", problems)
	case len(resources) != f.resources || len(scopes) != f.resources*scopesPer || len(roles) != f.resources:
		return fmt.Errorf("%d API resources, %d scopes, %d roles; want %d, %d, %d",
			len(resources), len(scopes), len(roles), f.resources, f.resources*scopesPer, f.resources)
	}
	return f.organizationsExactlyOnce(t, e, inState, version)
}

// organizationsExactlyOnce compares the emulator's organizations,
// organization roles and scopes (with the roles' scope links and the
// organizations' JIT settings) with the state.
func (f fleet) organizationsExactlyOnce(t *testing.T, e *acctest.Env, inState map[string]map[string]bool, version string) error {
	var problems []string
	check := func(typ, id, name string, desc *string, seen map[string]int) {
		seen[name]++
		if seen[name] == 2 {
			problems = append(problems, "duplicate "+typ+" "+name)
		}
		if !inState[typ][id] {
			problems = append(problems, "orphan "+typ+" "+id+" "+name)
		}
		if desc == nil || *desc != version {
			problems = append(problems, typ+" "+name+" does not have description "+version)
		}
	}
	orgs, roles, scopes := map[string]int{}, map[string]int{}, map[string]int{}
	for _, o := range e.Emulator.Organizations() {
		if !strings.HasPrefix(o.Name, f.prefix+"-org-") {
			continue
		}
		check("logto_organization", o.ID, o.Name, o.Description, orgs)
		jit := e.Emulator.OrganizationJITSettings(o.ID)
		if len(jit.EmailDomains) != 2 || len(jit.OrganizationRoleIDs) != 1 {
			problems = append(problems, fmt.Sprintf("organization %s has JIT domains %v and roles %v, want 2 and 1", o.Name, jit.EmailDomains, jit.OrganizationRoleIDs))
		}
	}
	for _, r := range e.Emulator.OrganizationRoles() {
		if !strings.HasPrefix(r.Name, f.prefix+"-orole-") {
			continue
		}
		check("logto_organization_role", r.ID, r.Name, r.Description, roles)
		if ids, _ := e.Emulator.OrganizationRoleScopes(r.ID); len(ids) != scopesPer {
			problems = append(problems, fmt.Sprintf("organization role %s holds %d scopes, want %d", r.Name, len(ids), scopesPer))
		}
	}
	for _, sc := range e.Emulator.OrganizationScopes() {
		if strings.HasPrefix(sc.Name, f.prefix+"-oscope-") {
			check("logto_organization_scope", sc.ID, sc.Name, sc.Description, scopes)
		}
	}
	t.Logf("%s: %d organizations, %d organization roles, %d organization scopes in the emulator; %d problems",
		version, len(orgs), len(roles), len(scopes), len(problems))
	switch {
	case len(problems) > 0:
		return fmt.Errorf("organization objects: %v", problems)
	case len(orgs) != f.orgs || len(roles) != f.orgs || len(scopes) != f.orgs*scopesPer:
		return fmt.Errorf("%d organizations, %d organization roles, %d organization scopes; want %d, %d, %d",
			len(orgs), len(roles), len(scopes), f.orgs, f.orgs, f.orgs*scopesPer)
	}
	return nil
}

// stateFunc runs fn on the attributes of every resource in the state, by address.
type stateFunc func(map[string]map[string]any) error

func (fn stateFunc) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	all := map[string]map[string]any{}
	for _, r := range req.State.Values.RootModule.Resources {
		all[r.Address] = r.AttributeValues
	}
	resp.Error = fn(all)
}

func envInt(t *testing.T, name string, def int) int {
	t.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		t.Fatalf("%s=%q is not a whole number", name, s)
	}
	return n
}

func envFloat(t *testing.T, name string, def float64) float64 {
	t.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f >= 1 {
		t.Fatalf("%s=%q is not a share between 0 and 1", name, s)
	}
	return f
}
