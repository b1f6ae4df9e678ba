package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// batchPerType is how many objects of each batched type the test manages:
// more than the reads of a type after which the provider lists it, so that
// with one object of each type deleted out of band the listing still happens.
const batchPerType = 12

// batchedTypes maps each resource type whose refresh can be answered from a
// listing to its list route (the emulator's counter key).
var batchedTypes = map[string]string{
	"logto_application":        "GET /api/applications",
	"logto_role":               "GET /api/roles",
	"logto_api_resource":       "GET /api/resources",
	"logto_user":               "GET /api/users",
	"logto_organization":       "GET /api/organizations",
	"logto_organization_scope": "GET /api/organization-scopes",
	"logto_organization_role":  "GET /api/organization-roles",
	"logto_sso_connector":      "GET /api/sso-connectors",
}

// TestAccProvider_batchReadsSamePlans refreshes a configuration of
// batchPerType objects of every batched type with batch_reads on and off,
// after objects were changed and deleted out of band, and after an apply that
// created new objects and recreated the deleted ones, and checks that the
// plans (prior state, drift and changes) are the same both ways. The
// emulator's counters show that the listings were read with batch_reads on
// and not with it off (a positive control: the two runs did differ).
func TestAccProvider_batchReadsSamePlans(t *testing.T) {
	if acctest.RealLogto() {
		t.Skip("counts listings with the emulator's counters")
	}
	t.Parallel()
	e := acctest.New(t)
	idp := acctest.NewMockIdP(t)
	prefix := acctest.RandomName("batch")
	config := func(count int, batch bool) string {
		return batchConfig(e, idp, prefix, count, batch)
	}

	var ids map[string][]string // type -> ids by count.index
	plans := map[string]*tfjson.Plan{}
	var mu sync.Mutex
	capture := func(name string) plancheck.PlanCheck {
		return planFunc(func(p *tfjson.Plan) error {
			mu.Lock()
			plans[name] = p
			mu.Unlock()
			return nil
		})
	}
	lists := map[string]map[string]int{}
	countLists := func(name string) func() {
		return func() {
			counts := e.Emulator.RequestCounts()
			lists[name] = map[string]int{}
			for typ, route := range batchedTypes {
				lists[name][typ] = counts[route]
			}
			e.Emulator.ResetRequestCounts()
		}
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: config(batchPerType, true),
				ConfigStateChecks: []statecheck.StateCheck{stateFunc(func(state map[string]map[string]any) error {
					ids = idsByType(state)
					return nil
				})},
			},
			{
				// Out of band: one object of each type changed, one deleted.
				PreConfig: func() {
					changeOutOfBand(t, e, ids)
					e.Emulator.ResetRequestCounts()
				},
				Config:             config(batchPerType, true),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{capture("drift on")},
				},
			},
			{
				PreConfig:          countLists("drift on"),
				Config:             config(batchPerType, false),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{capture("drift off")},
				},
			},
			{
				// Created in this apply: two more of each type, and the
				// deleted ones again; the changed ones are updated.
				PreConfig: countLists("drift off"),
				Config:    config(batchPerType+2, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), capture("after apply on")},
				},
			},
			{
				PreConfig: e.Emulator.ResetRequestCounts,
				Config:    config(batchPerType+2, false),
				PlanOnly:  true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), capture("after apply off")},
				},
			},
			{
				PreConfig: countLists("after apply off"),
				Config:    config(batchPerType+2, false),
				PlanOnly:  true,
			},
		},
	})

	for _, pair := range [][2]string{{"drift on", "drift off"}, {"after apply on", "after apply off"}} {
		on, off := plans[pair[0]], plans[pair[1]]
		if on == nil || off == nil {
			t.Fatalf("plans %q and %q were not both captured", pair[0], pair[1])
		}
		if diff := planDiff(on, off); diff != "" {
			t.Errorf("the plans %q and %q differ: %s", pair[0], pair[1], diff)
		}
	}
	// The drift plan is not empty: every out-of-band change shows.
	if n := len(plans["drift on"].ResourceChanges); n == 0 {
		t.Error("the drift plan has no change: the out-of-band changes were not seen")
	}
	var changed []string
	for _, rc := range plans["drift on"].ResourceChanges {
		if !rc.Change.Actions.NoOp() {
			changed = append(changed, rc.Address+" "+fmt.Sprint(rc.Change.Actions))
		}
	}
	if len(changed) != 2*len(batchedTypes) {
		t.Errorf("the drift plan changes %d resources, want %d (one update and one create per type): %v",
			len(changed), 2*len(batchedTypes), changed)
	}
	t.Logf("listings per type: %v", lists)
	for typ := range batchedTypes {
		if lists["drift on"][typ] == 0 {
			t.Errorf("%s: no listing with batch_reads on (the refresh read one object at a time)", typ)
		}
		if n := lists["drift off"][typ] + lists["after apply off"][typ]; n != 0 {
			t.Errorf("%s: %d listings with batch_reads off", typ, n)
		}
	}
}

// batchConfig is count objects of every batched type.
func batchConfig(e *acctest.Env, idp *acctest.MockIdP, prefix string, count int, batch bool) string {
	user := strings.ReplaceAll(prefix, "-", "_")
	return fmt.Sprintf(`
provider "logto" {
  endpoint      = %[1]q
  client_id     = %[2]q
  client_secret = %[3]q
  resource      = %[4]q
  batch_reads   = %[5]t
}

resource "logto_application" "app" {
  count         = %[6]d
  name          = "%[7]s-app-${count.index}"
  type          = "Traditional"
  description   = "app"
  redirect_uris = ["https://app-${count.index}.example.com/callback"]
}

resource "logto_role" "role" {
  count       = %[6]d
  name        = "%[7]s-role-${count.index}"
  description = "role"
}

resource "logto_api_resource" "api" {
  count     = %[6]d
  name      = "%[7]s-api-${count.index}"
  indicator = "https://%[7]s-${count.index}.example.com/api"
}

resource "logto_user" "user" {
  count    = %[6]d
  username = "%[8]s_${count.index}"
  name     = "user"
}

resource "logto_organization" "org" {
  count       = %[6]d
  name        = "%[7]s-org-${count.index}"
  description = "org"
}

resource "logto_organization_scope" "oscope" {
  count       = %[6]d
  name        = "%[7]s-oscope-${count.index}"
  description = "oscope"
}

resource "logto_organization_role" "orole" {
  count       = %[6]d
  name        = "%[7]s-orole-${count.index}"
  description = "orole"
}

resource "logto_sso_connector" "sso" {
  count          = %[6]d
  provider_name  = "OIDC"
  connector_name = "%[7]s-sso-${count.index}"
  branding       = { display_name = "sso" }
  oidc = {
    client_id     = "client-${count.index}"
    client_secret = "secret"
    issuer        = %[9]q
  }
}
`, e.Endpoint, e.ClientID, e.ClientSecret, e.Resource, batch, count, prefix, user, idp.Issuer("batch"))
}

// idsByType returns the ids of the state's resources by type, by count.index.
func idsByType(state map[string]map[string]any) map[string][]string {
	out := map[string][]string{}
	for typ := range batchedTypes {
		out[typ] = make([]string, batchPerType)
	}
	for address, attrs := range state {
		typ, rest, _ := strings.Cut(address, ".")
		if _, ok := batchedTypes[typ]; !ok {
			continue
		}
		var i int
		if _, err := fmt.Sscanf(rest[strings.Index(rest, "["):], "[%d]", &i); err == nil && i < batchPerType {
			out[typ][i], _ = attrs["id"].(string)
		}
	}
	return out
}

// changeOutOfBand changes object 1 of every type and deletes object 2.
func changeOutOfBand(t *testing.T, e *acctest.Env, ids map[string][]string) {
	t.Helper()
	ctx := context.Background()
	changed := "changed out of band"
	must := func(what string, err error) {
		if err != nil {
			t.Fatalf("%s out of band: %v", what, err)
		}
	}
	_, err := e.Client.UpdateApplication(ctx, ids["logto_application"][1], logto.ApplicationPatch{Description: logto.NullableValue(changed)})
	must("application", err)
	_, err = e.Client.UpdateRole(ctx, ids["logto_role"][1], logto.RolePatch{Description: &changed})
	must("role", err)
	_, err = e.Client.UpdateAPIResource(ctx, ids["logto_api_resource"][1], logto.APIResourcePatch{Name: &changed})
	must("API resource", err)
	_, err = e.Client.UpdateUser(ctx, ids["logto_user"][1], logto.UserPatch{Name: logto.NullableValue(changed)})
	must("user", err)
	_, err = e.Client.UpdateOrganization(ctx, ids["logto_organization"][1], logto.OrganizationPatch{Description: &changed})
	must("organization", err)
	_, err = e.Client.UpdateOrganizationScope(ctx, ids["logto_organization_scope"][1], logto.OrganizationScopeInput{Description: &changed})
	must("organization scope", err)
	_, err = e.Client.UpdateOrganizationRole(ctx, ids["logto_organization_role"][1], logto.OrganizationRolePatch{Description: &changed})
	must("organization role", err)
	_, err = e.Client.UpdateSSOConnector(ctx, ids["logto_sso_connector"][1], logto.SSOConnectorPatch{Branding: &logto.SSOBranding{DisplayName: &changed}})
	must("SSO connector", err)

	must("application", e.Client.DeleteApplication(ctx, ids["logto_application"][2]))
	must("role", e.Client.DeleteRole(ctx, ids["logto_role"][2]))
	must("API resource", e.Client.DeleteAPIResource(ctx, ids["logto_api_resource"][2]))
	must("user", e.Client.DeleteUser(ctx, ids["logto_user"][2]))
	must("organization", e.Client.DeleteOrganization(ctx, ids["logto_organization"][2]))
	must("organization scope", e.Client.DeleteOrganizationScope(ctx, ids["logto_organization_scope"][2]))
	must("organization role", e.Client.DeleteOrganizationRole(ctx, ids["logto_organization_role"][2]))
	must("SSO connector", e.Client.DeleteSSOConnector(ctx, ids["logto_sso_connector"][2]))
}

// planDiff compares what two plans say of the resources (the refreshed prior
// state, the drift found and the changes planned) and returns the first
// difference, or "" when they are the same. The provider configuration, which
// differs by batch_reads, is not compared.
func planDiff(a, b *tfjson.Plan) string {
	parts := func(p *tfjson.Plan) map[string]any {
		return map[string]any{"prior_state": p.PriorState, "resource_drift": p.ResourceDrift, "resource_changes": p.ResourceChanges}
	}
	pa, pb := parts(a), parts(b)
	for _, k := range []string{"prior_state", "resource_drift", "resource_changes"} {
		ja, err1 := json.Marshal(pa[k])
		jb, err2 := json.Marshal(pb[k])
		if err1 != nil || err2 != nil {
			return fmt.Sprintf("%s: cannot encode: %v %v", k, err1, err2)
		}
		if string(ja) != string(jb) {
			return fmt.Sprintf("%s differs:\n%s\n%s", k, ja, jb)
		}
	}
	return ""
}

type planFunc func(*tfjson.Plan) error

func (fn planFunc) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = fn(req.Plan)
}
