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

// expectDefaultSecret asserts that the application's secret attribute holds
// the value of its "Default secret" as Logto lists it.
func expectDefaultSecret(e *acctest.Env) statecheck.StateCheck {
	return acctest.StateCheck(addr, func(v map[string]any) error {
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
	})
}

// expectListMatchesHCL asserts that a list attribute holds exactly the
// elements of an HCL/JSON list literal, in order.
func expectListMatchesHCL(address, name, literal string) statecheck.StateCheck {
	return acctest.StateCheck(address, func(v map[string]any) error {
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
	})
}

// expectRequests checks an emulator request counter.
func expectRequests(e *acctest.Env, route string, want int) error {
	if got := e.Emulator.Requests(route); got != want {
		return fmt.Errorf("%s was requested %d times, want %d", route, got, want)
	}
	return nil
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
