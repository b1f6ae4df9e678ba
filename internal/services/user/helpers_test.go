package user_test

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

const addr = "logto_user.test"

func testCase(e *acctest.Env, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckAll(e.CheckRoleAssignmentsDestroyed, e.CheckUsersDestroyed, e.CheckAccessDestroyed),
		Steps:                    steps,
	}
}

// expectUserInLogto asserts that the state holds the user as Logto has it.
func expectUserInLogto(e *acctest.Env) statecheck.StateCheck {
	return acctest.StateCheck(addr, func(v map[string]any) error {
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
	})
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
