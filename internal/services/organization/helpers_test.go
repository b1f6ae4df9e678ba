package organization_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

func testCase(e *acctest.Env, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckAll(e.CheckOrganizationsDestroyed, e.CheckUsersDestroyed, e.CheckAccessDestroyed),
		Steps:                    steps,
	}
}

// expectInLogto compares what list returns for the resource's id with the
// string set attribute name in the state, and with want (when >= 0) as a
// count.
func expectInLogto(address, name string, want int, list func(ctx context.Context, v map[string]any) ([]string, error)) statecheck.StateCheck {
	return acctest.StateCheck(address, func(v map[string]any) error {
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
	})
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
