package role_test

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

func attr(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

func testCase(e *acctest.Env, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             e.CheckAccessDestroyed,
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

// resourceStateCheck runs fn on the attribute values of one resource.
type resourceStateCheck struct {
	address string
	fn      func(values map[string]any) error
}

func (c resourceStateCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
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

// captureID stores the resource's id for later steps.
func captureID(address string, id *string) statecheck.StateCheck {
	return resourceStateCheck{address, func(v map[string]any) error {
		s, _ := v["id"].(string)
		if s == "" {
			return fmt.Errorf("%s has no id", address)
		}
		*id = s
		return nil
	}}
}

// expectIDUnchanged asserts the object was updated in place.
func expectIDUnchanged(id *string) statecheck.StateCheck {
	return resourceStateCheck{addr, func(v map[string]any) error {
		if v["id"] != *id {
			return fmt.Errorf("%s id = %v, want %s (updated in place, not replaced)", addr, v["id"], *id)
		}
		return nil
	}}
}

// expectIDChanged asserts the object is a new one, and records its id.
func expectIDChanged(address string, id *string) statecheck.StateCheck {
	return resourceStateCheck{address, func(v map[string]any) error {
		s, _ := v["id"].(string)
		if s == "" || s == *id {
			return fmt.Errorf("%s id = %q, want a new id (old %s)", address, s, *id)
		}
		*id = s
		return nil
	}}
}

// requests returns an emulator request counter; -1 against a real Logto.
func requests(e *acctest.Env, route string) int {
	if e.Emulator == nil {
		return -1
	}
	return e.Emulator.Requests(route)
}

// compareEqual is compare.ValuesSame for statecheck.CompareValuePairs.
var compareEqual = compare.ValuesSame()
