package organization_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

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
		CheckDestroy:             acctest.CheckAll(e.CheckOrganizationsDestroyed, e.CheckUsersDestroyed, e.CheckAccessDestroyed),
		Steps:                    steps,
	}
}

// emptyPlanAfterApply asserts that the plan after apply and refresh is empty.
var emptyPlanAfterApply = resource.ConfigPlanChecks{
	PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
}

// planned asserts the planned action on address before apply and an empty
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
	return captureAttr(address, "id", id)
}

// captureAttr stores a string attribute for later steps.
func captureAttr(address, name string, into *string) statecheck.StateCheck {
	return resourceStateCheck{address, func(v map[string]any) error {
		s, _ := v[name].(string)
		if s == "" {
			return fmt.Errorf("%s has no %s", address, name)
		}
		*into = s
		return nil
	}}
}

// expectID asserts the object was updated in place (same id).
func expectID(address string, id *string) statecheck.StateCheck {
	return resourceStateCheck{address, func(v map[string]any) error {
		if v["id"] != *id {
			return fmt.Errorf("%s id = %v, want %s (updated in place, not replaced)", address, v["id"], *id)
		}
		return nil
	}}
}

// expectNewID asserts the object is a new one, and records its id.
func expectNewID(address string, id *string) statecheck.StateCheck {
	return resourceStateCheck{address, func(v map[string]any) error {
		s, _ := v["id"].(string)
		if s == "" || s == *id {
			return fmt.Errorf("%s id = %q, want a new id (old %s)", address, s, *id)
		}
		*id = s
		return nil
	}}
}

// expectInLogto compares what list returns for the resource's id with the
// string set attribute name in the state, and with want (when >= 0) as a
// count.
func expectInLogto(address, name string, want int, list func(ctx context.Context, v map[string]any) ([]string, error)) statecheck.StateCheck {
	return resourceStateCheck{address, func(v map[string]any) error {
		inLogto, err := list(context.Background(), v)
		if err != nil {
			return err
		}
		raw, _ := v[name].([]any)
		inState := []string{}
		for _, x := range raw {
			s, _ := x.(string)
			inState = append(inState, s)
		}
		got := append([]string{}, inLogto...)
		sort.Strings(got)
		sort.Strings(inState)
		if !slices.Equal(got, inState) || (want >= 0 && len(got) != want) {
			return fmt.Errorf("%s: Logto has %d %v, state has %v; want %d", address, len(got), got, inState, want)
		}
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

// writes counts the emulator's requests that change something.
func writes(e *acctest.Env) int {
	if e.Emulator == nil {
		return -1
	}
	n := 0
	for route, count := range e.Emulator.RequestCounts() {
		method, path, _ := strings.Cut(route, " ")
		if method != "GET" && !strings.HasPrefix(path, "/oidc/") {
			n += count
		}
	}
	return n
}
