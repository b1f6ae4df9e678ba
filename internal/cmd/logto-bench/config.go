package main

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// blockTypes lists, per resource type, how many objects of it one block of the
// "all" mix holds. A block is a small tenant slice that uses every resource type
// the provider has: an API resource with two scopes, a machine-to-machine role
// holding them and a user role, applications of every type (two
// machine-to-machine ones), a secret, authoritative and additive application
// roles, two users with authoritative and additive user roles, an OIDC SSO
// connector, an organization scope and role, an organization with JIT sets
// (email domain, SSO connector, role) and authoritative members, and a second
// organization with an additive member and an application.
var blockTypes = map[string]int{
	"logto_api_resource":             1,
	"logto_api_resource_scope":       2,
	"logto_role":                     2,
	"logto_application":              6,
	"logto_application_secret":       1,
	"logto_application_roles":        1,
	"logto_application_role":         1,
	"logto_user":                     2,
	"logto_user_roles":               1,
	"logto_user_role":                1,
	"logto_sso_connector":            1,
	"logto_organization_scope":       1,
	"logto_organization_role":        1,
	"logto_organization":             2,
	"logto_organization_members":     1,
	"logto_organization_member":      1,
	"logto_organization_application": 1,
}

// blockSize is the number of objects in one block of the "all" mix.
var blockSize = func() int {
	n := 0
	for _, c := range blockTypes {
		n += c
	}
	return n
}()

// singleTypes are the types a configuration of one type (or a few) can hold on
// their own, with the HCL body of one object (count.index numbers it).
var singleTypes = map[string]string{
	"logto_application": `name          = "bench-app-${count.index}"
  type          = "Traditional"
  redirect_uris = ["https://app-${count.index}.bench.example.com/callback"]`,
	"logto_user":               `username = "bench_user_${count.index}"`,
	"logto_role":               `name = "bench-role-${count.index}"`,
	"logto_api_resource":       "name      = \"bench-api-${count.index}\"\n  indicator = \"https://api-${count.index}.bench.example.com\"",
	"logto_organization":       `name = "bench-org-${count.index}"`,
	"logto_organization_scope": `name = "bench:${count.index}"`,
	"logto_organization_role":  `name = "bench-org-role-${count.index}"`,
}

// SingleTypes returns the type names -types accepts besides "all", sorted.
func SingleTypes() []string {
	out := make([]string, 0, len(singleTypes))
	for t := range singleTypes {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Config is a generated Terraform configuration and what it holds.
type Config struct {
	// HCL is the whole configuration (one main.tf).
	HCL string
	// Objects counts the resource instances by type.
	Objects map[string]int
}

// Total is the number of resource instances of the configuration.
func (c Config) Total() int {
	n := 0
	for _, v := range c.Objects {
		n += v
	}
	return n
}

// header declares the provider; its settings come from the environment
// (LOGTO_ENDPOINT, LOGTO_CLIENT_ID, LOGTO_CLIENT_SECRET).
const header = `terraform {
  required_providers {
    logto = {
      source = "faccc625/logto"
    }
  }
}
`

// Generate returns a configuration of n objects. types is "all" (every
// resource type, in blocks; see blockTypes) or a comma-separated list of
// SingleTypes, over which n is split evenly. issuer is the OIDC issuer of the
// SSO connectors. With "all", n below one block plus the sign-in experience
// still makes one whole block, and what n leaves after whole blocks and the
// sign-in experience is filled with Traditional applications.
func Generate(n int, types, issuer string) (Config, error) {
	if n < 1 {
		return Config{}, fmt.Errorf("the number of objects must be at least 1, not %d", n)
	}
	if types == "" || types == "all" {
		return generateAll(n, issuer), nil
	}
	var list []string
	for _, t := range strings.Split(types, ",") {
		t = strings.TrimSpace(t)
		if !strings.HasPrefix(t, "logto_") {
			t = "logto_" + t
		}
		if _, ok := singleTypes[t]; !ok {
			return Config{}, fmt.Errorf("type %q is not one of all, %s", t, strings.Join(SingleTypes(), ", "))
		}
		if !slices.Contains(list, t) {
			list = append(list, t)
		}
	}
	if n < len(list) {
		return Config{}, fmt.Errorf("%d objects cannot be split over %d types", n, len(list))
	}
	var b strings.Builder
	b.WriteString(header)
	objects := map[string]int{}
	for i, t := range list {
		count := n / len(list)
		if i < n%len(list) {
			count++
		}
		objects[t] = count
		fmt.Fprintf(&b, "\nresource %q \"bench\" {\n  count = %d\n  %s\n}\n", t, count, singleTypes[t])
	}
	return Config{HCL: b.String(), Objects: objects}, nil
}

func generateAll(n int, issuer string) Config {
	blocks := max((n-1)/blockSize, 1)
	extra := max(n-1-blocks*blockSize, 0)
	objects := map[string]int{"logto_sign_in_experience": 1}
	for t, c := range blockTypes {
		objects[t] = c * blocks
	}
	objects["logto_application"] += extra

	var b strings.Builder
	b.WriteString(header)
	fmt.Fprintf(&b, `
locals {
  blocks = %d
}

resource "logto_api_resource" "api" {
  count     = local.blocks
  name      = "bench-api-${count.index}"
  indicator = "https://api-${count.index}.bench.example.com"
}

resource "logto_api_resource_scope" "read" {
  count       = local.blocks
  resource_id = logto_api_resource.api[count.index].id
  name        = "read:${count.index}"
  description = "Read"
}

resource "logto_api_resource_scope" "write" {
  count       = local.blocks
  resource_id = logto_api_resource.api[count.index].id
  name        = "write:${count.index}"
}

resource "logto_role" "m2m" {
  count     = local.blocks
  name      = "bench-m2m-${count.index}"
  type      = "MachineToMachine"
  scope_ids = [logto_api_resource_scope.read[count.index].id, logto_api_resource_scope.write[count.index].id]
}

resource "logto_role" "user" {
  count     = local.blocks
  name      = "bench-user-${count.index}"
  scope_ids = [logto_api_resource_scope.read[count.index].id]
}

resource "logto_application" "traditional" {
  count         = local.blocks + %d
  name          = "bench-traditional-${count.index}"
  type          = "Traditional"
  redirect_uris = ["https://web-${count.index}.bench.example.com/callback"]
}

resource "logto_application" "spa" {
  count         = local.blocks
  name          = "bench-spa-${count.index}"
  type          = "SPA"
  redirect_uris = ["https://spa-${count.index}.bench.example.com/callback"]
}

resource "logto_application" "native" {
  count         = local.blocks
  name          = "bench-native-${count.index}"
  type          = "Native"
  redirect_uris = ["com.example.bench${count.index}://callback"]
}

resource "logto_application" "m2m" {
  count = local.blocks
  name  = "bench-m2m-${count.index}"
  type  = "MachineToMachine"
}

resource "logto_application" "m2m_b" {
  count = local.blocks
  name  = "bench-m2m-b-${count.index}"
  type  = "MachineToMachine"
}

resource "logto_application" "protected" {
  count = local.blocks
  name  = "bench-protected-${count.index}"
  type  = "Protected"
  protected_app_metadata = {
    sub_domain = "bench-${count.index}"
    origin     = "https://internal-${count.index}.bench.example.com"
  }
}

resource "logto_application_secret" "m2m" {
  count          = local.blocks
  application_id = logto_application.m2m[count.index].id
  name           = "bench-${count.index}"
}

resource "logto_application_roles" "m2m" {
  count          = local.blocks
  application_id = logto_application.m2m[count.index].id
  role_ids       = [logto_role.m2m[count.index].id]
}

resource "logto_application_role" "m2m_b" {
  count          = local.blocks
  application_id = logto_application.m2m_b[count.index].id
  role_id        = logto_role.m2m[count.index].id
}

resource "logto_user" "a" {
  count    = local.blocks
  username = "bench_a_${count.index}"
  name     = "Bench A ${count.index}"
}

resource "logto_user" "b" {
  count    = local.blocks
  username = "bench_b_${count.index}"
}

resource "logto_user_roles" "a" {
  count    = local.blocks
  user_id  = logto_user.a[count.index].id
  role_ids = [logto_role.user[count.index].id]
}

resource "logto_user_role" "b" {
  count   = local.blocks
  user_id = logto_user.b[count.index].id
  role_id = logto_role.user[count.index].id
}

resource "logto_sso_connector" "oidc" {
  count          = local.blocks
  provider_name  = "OIDC"
  connector_name = "bench-oidc-${count.index}"
  domains        = ["sso-${count.index}.bench.example.com"]
  oidc = {
    client_id     = "bench-client-${count.index}"
    client_secret = "bench-secret-${count.index}"
    issuer        = %q
  }
}

resource "logto_organization_scope" "read" {
  count = local.blocks
  name  = "read:bench-${count.index}"
}

resource "logto_organization_role" "member" {
  count                  = local.blocks
  name                   = "bench-member-${count.index}"
  organization_scope_ids = [logto_organization_scope.read[count.index].id]
}

resource "logto_organization" "jit" {
  count                 = local.blocks
  name                  = "bench-org-${count.index}"
  jit_email_domains     = ["org-${count.index}.bench.example.com"]
  jit_sso_connector_ids = [logto_sso_connector.oidc[count.index].id]
  jit_role_ids          = [logto_organization_role.member[count.index].id]
}

resource "logto_organization_members" "jit" {
  count           = local.blocks
  organization_id = logto_organization.jit[count.index].id
  user_ids        = [logto_user.a[count.index].id]
}

resource "logto_organization" "other" {
  count = local.blocks
  name  = "bench-other-${count.index}"
}

resource "logto_organization_member" "b" {
  count                 = local.blocks
  organization_id       = logto_organization.other[count.index].id
  user_id               = logto_user.b[count.index].id
  organization_role_ids = [logto_organization_role.member[count.index].id]
}

resource "logto_organization_application" "m2m" {
  count           = local.blocks
  organization_id = logto_organization.other[count.index].id
  application_id  = logto_application.m2m[count.index].id
}

resource "logto_sign_in_experience" "this" {
  single_sign_on_enabled = true
}
`, blocks, extra, issuer)
	return Config{HCL: b.String(), Objects: objects}
}

// Floor returns a configuration of n terraform_data resources: Terraform's own
// cost for as many resource instances, with no provider.
func Floor(n int) Config {
	return Config{
		HCL: fmt.Sprintf(`resource "terraform_data" "floor" {
  count = %d
  input = "bench-${count.index}"
}
`, n),
		Objects: map[string]int{"terraform_data": n},
	}
}

// resourceHeader matches the first line of a resource block of the provider.
var resourceHeader = regexp.MustCompile(`^resource "(logto_[a-z_]+)" "([a-z0-9_]+)" \{$`)

// reference matches a reference to a resource of the provider.
var reference = regexp.MustCompile(`\blogto_([a-z_]+)\.([a-z0-9_]+)\b`)

// ShapedFloor returns cfg with every resource of the provider turned into a
// terraform_data resource with the same count, whose input holds the
// arguments of the original, references included: Terraform's own cost for
// the same number of instances and the same dependency graph, with no
// provider. cfg must come from Generate: one argument per line (nested
// objects over several lines), each resource closed by a "}" alone.
func ShapedFloor(cfg Config) (Config, error) {
	var b strings.Builder
	var name string
	var count string
	var body []string
	depth := 0
	for _, line := range strings.Split(strings.TrimPrefix(cfg.HCL, header), "\n") {
		if m := resourceHeader.FindStringSubmatch(line); m != nil && depth == 0 {
			name = strings.TrimPrefix(m[1], "logto_") + "__" + m[2]
			count, body, depth = "", nil, 1
			continue
		}
		if depth == 0 {
			b.WriteString(line + "\n")
			continue
		}
		line = reference.ReplaceAllString(line, "terraform_data.${1}__${2}")
		depth += strings.Count(line, "{") - strings.Count(line, "}")
		switch trimmed := strings.TrimSpace(line); {
		case depth == 0:
			fmt.Fprintf(&b, "resource \"terraform_data\" %q {\n", name)
			if count != "" {
				b.WriteString(count + "\n")
			}
			b.WriteString("  input = {\n" + strings.Join(body, "\n") + "\n  }\n}\n")
		case depth == 1 && strings.HasPrefix(trimmed, "count "):
			count = line
		default:
			body = append(body, "  "+line)
		}
	}
	if depth != 0 {
		return Config{}, errors.New("a resource block is not closed")
	}
	hcl := b.String()
	if strings.Contains(hcl, "logto_") && reference.MatchString(hcl) {
		return Config{}, errors.New("a reference to a resource of the provider is left")
	}
	return Config{HCL: hcl, Objects: map[string]int{"terraform_data": cfg.Total()}}, nil
}
