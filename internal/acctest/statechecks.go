package acctest

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// This file holds the state and plan checks every service package's
// acceptance tests share. Checks that know a resource's domain (what Logto
// holds for it, which secret it keeps) stay in that resource's package.

// StateCheck is a statecheck.StateCheck that runs fn on the attribute values
// of the resource at address in the state. It fails when there is no state
// or the resource is not in it.
func StateCheck(address string, fn func(values map[string]any) error) statecheck.StateCheck {
	return resourceStateCheck{address: address, fn: fn}
}

// resourceStateCheck is what StateCheck returns.
type resourceStateCheck struct {
	address string
	fn      func(values map[string]any) error
}

// CheckState implements statecheck.StateCheck.
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

// CaptureID stores the id of the resource at address in *id, for later
// steps. It fails when the resource has no id.
func CaptureID(address string, id *string) statecheck.StateCheck {
	return StateCheck(address, func(v map[string]any) error {
		s, _ := v["id"].(string)
		if s == "" {
			return fmt.Errorf("%s has no id", address)
		}
		*id = s
		return nil
	})
}

// ExpectIDUnchanged asserts that the resource at address still has the id
// in *id: it was updated in place, not replaced.
func ExpectIDUnchanged(address string, id *string) statecheck.StateCheck {
	return StateCheck(address, func(v map[string]any) error {
		if v["id"] != *id {
			return fmt.Errorf("%s id = %v, want %s (updated in place, not replaced)", address, v["id"], *id)
		}
		return nil
	})
}

// ExpectIDChanged asserts that the resource at address is a new object (its
// id is set and differs from *id), and records its new id in *id.
func ExpectIDChanged(address string, id *string) statecheck.StateCheck {
	return StateCheck(address, func(v map[string]any) error {
		s, _ := v["id"].(string)
		if s == "" || s == *id {
			return fmt.Errorf("%s id = %q, want a new id (old %s)", address, s, *id)
		}
		*id = s
		return nil
	})
}

// PlannedAction asserts the action planned for the resource at address
// before apply, and an empty plan after apply and refresh.
func PlannedAction(address string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, action)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// EmptyPlanAfterApply asserts that the plan after apply and refresh is
// empty.
func EmptyPlanAfterApply() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// Attr is the path of the attribute name, or with more, of a nested
// attribute or map key under it: Attr("oidc", "issuer").
func Attr(name string, more ...string) tfjsonpath.Path {
	p := tfjsonpath.New(name)
	for _, m := range more {
		p = p.AtMapKey(m)
	}
	return p
}
