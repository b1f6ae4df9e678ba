package ssoconnector_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

const addr = "logto_sso_connector.test"

func attr(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

// nested is the path of a nested attribute, e.g. nested("oidc", "issuer").
func nested(names ...string) tfjsonpath.Path {
	p := tfjsonpath.New(names[0])
	for _, n := range names[1:] {
		p = p.AtMapKey(n)
	}
	return p
}

func testCase(e *acctest.Env, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             e.CheckSSOConnectorsDestroyed,
		Steps:                    steps,
	}
}

// emptyPlanAfterApply asserts that the plan after apply and refresh is empty.
var emptyPlanAfterApply = resource.ConfigPlanChecks{
	PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
}

// planned asserts the planned action before apply and an empty plan after.
func planned(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// stateFunc runs fn on the attribute values of one resource in the state.
type stateFunc struct {
	address string
	fn      func(values map[string]any) error
}

func (c stateFunc) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address == c.address {
			resp.Error = c.fn(r.AttributeValues)
			return
		}
	}
	resp.Error = fmt.Errorf("%s is not in the state", c.address)
}

// captureID stores the connector's id for later steps.
func captureID(id *string) statecheck.StateCheck {
	return stateFunc{addr, func(v map[string]any) error {
		s, _ := v["id"].(string)
		if s == "" {
			return fmt.Errorf("%s has no id", addr)
		}
		*id = s
		return nil
	}}
}

// expectIDUnchanged asserts the connector was updated in place.
func expectIDUnchanged(id *string) statecheck.StateCheck {
	return stateFunc{addr, func(v map[string]any) error {
		if v["id"] != *id {
			return fmt.Errorf("%s id = %v, want %s (updated in place, not replaced)", addr, v["id"], *id)
		}
		return nil
	}}
}

// expectIDChanged asserts the connector is a new one, and records its id.
func expectIDChanged(id *string) statecheck.StateCheck {
	return stateFunc{addr, func(v map[string]any) error {
		s, _ := v["id"].(string)
		if s == "" || s == *id {
			return fmt.Errorf("%s id = %q, want a new id (old %s)", addr, s, *id)
		}
		*id = s
		return nil
	}}
}

// stateHolds reports whether the whole state, as `terraform show -json`
// renders it (sensitive values included), contains text.
func stateHolds(req statecheck.CheckStateRequest, text string) (bool, error) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		return false, err
	}
	return strings.Contains(string(raw), text), nil
}

// secretCheck asserts that the state JSON holds the secret (want) or not.
type secretCheck struct {
	secret string
	want   bool
}

func (c secretCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	found, err := stateHolds(req, c.secret)
	switch {
	case err != nil:
		resp.Error = err
	case found && !c.want:
		resp.Error = fmt.Errorf("the state holds the write-only secret %q", c.secret)
	case !found && c.want:
		resp.Error = fmt.Errorf("the state does not hold %q: the check could not see a secret there", c.secret)
	}
}

// logtoConnector checks the connector as Logto holds it.
func logtoConnector(e *acctest.Env, id *string, fn func(config map[string]any, domains []string) error) statecheck.StateCheck {
	return stateFunc{addr, func(map[string]any) error {
		c, err := e.Client.GetSSOConnector(context.Background(), *id)
		if err != nil {
			return err
		}
		var config map[string]any
		if err := json.Unmarshal(c.Config, &config); err != nil {
			return err
		}
		return fn(config, c.Domains)
	}}
}

// requests returns an emulator request counter; -1 against a real Logto.
func requests(e *acctest.Env, route string) int {
	if e.Emulator == nil {
		return -1
	}
	return e.Emulator.Requests(route)
}

// domain is an email domain unique to this run.
func domain(what string) string {
	return strings.ReplaceAll(acctest.RandomName(what), "-", "") + ".example.com"
}
