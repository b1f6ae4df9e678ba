package application_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// stateCheckFunc adapts a function to statecheck.StateCheck.
type stateCheckFunc func(ctx context.Context) error

func (f stateCheckFunc) CheckState(ctx context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f(ctx)
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

// expectIDUnchanged asserts the application was updated in place.
func expectIDUnchanged(id *string) statecheck.StateCheck {
	return resourceStateCheck{addr, func(v map[string]any) error {
		if v["id"] != *id {
			return fmt.Errorf("%s id = %v, want %s (updated in place, not replaced)", addr, v["id"], *id)
		}
		return nil
	}}
}

// expectIDChanged asserts the application is a new object, and records its id.
func expectIDChanged(id *string) statecheck.StateCheck {
	return resourceStateCheck{addr, func(v map[string]any) error {
		s, _ := v["id"].(string)
		if s == "" || s == *id {
			return fmt.Errorf("%s id = %q, want a new id (old %s)", addr, s, *id)
		}
		*id = s
		return nil
	}}
}

// expectDefaultSecret asserts that the application's secret attribute holds
// the value of its "Default secret" as Logto lists it.
func expectDefaultSecret(e *acctest.Env) statecheck.StateCheck {
	return resourceStateCheck{addr, func(v map[string]any) error {
		id, _ := v["id"].(string)
		secret, _ := v["secret"].(string)
		secrets, err := e.Client.ListApplicationSecrets(context.Background(), id)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if s.Name == logto.DefaultSecretName {
				if s.Value == "" || s.Value != secret {
					return fmt.Errorf("%s secret does not hold the Default secret's value", addr)
				}
				return nil
			}
		}
		return fmt.Errorf("application %s has no %q", id, logto.DefaultSecretName)
	}}
}

// expectListMatchesHCL asserts that a list attribute holds exactly the
// elements of an HCL/JSON list literal, in order.
func expectListMatchesHCL(address, name, literal string) statecheck.StateCheck {
	return resourceStateCheck{address, func(v map[string]any) error {
		var want []string
		if err := json.Unmarshal([]byte(literal), &want); err != nil {
			return err
		}
		raw, _ := v[name].([]any)
		got := make([]string, 0, len(raw))
		for _, x := range raw {
			s, _ := x.(string)
			got = append(got, s)
		}
		if want == nil {
			want = []string{}
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("%s.%s = %v, want %v", address, name, got, want)
		}
		return nil
	}}
}

// expectRequests checks an emulator request counter.
func expectRequests(e *acctest.Env, route string, want int) error {
	if got := e.Emulator.Requests(route); got != want {
		return fmt.Errorf("%s was requested %d times, want %d", route, got, want)
	}
	return nil
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
