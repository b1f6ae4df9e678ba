package user_test

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

const addr = "logto_user.test"

func attr(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

func testCase(e *acctest.Env, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckAll(e.CheckRoleAssignmentsDestroyed, e.CheckUsersDestroyed, e.CheckAccessDestroyed),
		Steps:                    steps,
	}
}

// emptyPlanAfterApply asserts that the plan after apply and refresh is empty.
var emptyPlanAfterApply = resource.ConfigPlanChecks{
	PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
}

// planned asserts the planned action of address before apply and an empty
// plan after.
func planned(address string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, action)},
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

// expectIDUnchanged asserts the user was updated in place.
func expectIDUnchanged(id *string) statecheck.StateCheck {
	return resourceStateCheck{addr, func(v map[string]any) error {
		if v["id"] != *id {
			return fmt.Errorf("%s id = %v, want %s (updated in place, not replaced)", addr, v["id"], *id)
		}
		return nil
	}}
}

// expectUserInLogto asserts that the state holds the user as Logto has it.
func expectUserInLogto(e *acctest.Env) statecheck.StateCheck {
	return resourceStateCheck{addr, func(v map[string]any) error {
		id, _ := v["id"].(string)
		u, err := e.Client.GetUser(context.Background(), id)
		if err != nil {
			return err
		}
		for name, got := range map[string]*string{
			"username": u.Username, "primary_email": u.PrimaryEmail, "primary_phone": u.PrimaryPhone,
			"name": u.Name, "avatar": u.Avatar,
		} {
			if want := v[name]; (got == nil) != (want == nil) || (got != nil && *got != want) {
				return fmt.Errorf("%s = %v in the state, %v in Logto", name, want, deref(got))
			}
		}
		if v["is_suspended"] != u.IsSuspended {
			return fmt.Errorf("is_suspended = %v in the state, %v in Logto", v["is_suspended"], u.IsSuspended)
		}
		return nil
	}}
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// requests is the emulator's counter for route, -1 against a real Logto.
func requests(e *acctest.Env, route string) int { return e.Requests(route) }

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
