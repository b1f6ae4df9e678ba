package acctest

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// CheckAccessDestroyed verifies that every logto_api_resource,
// logto_api_resource_scope and logto_role in the state is gone from Logto
// (a resource.TestCase CheckDestroy).
func (e *Env) CheckAccessDestroyed(s *terraform.State) error {
	ctx := context.Background()
	for key, rs := range s.RootModule().Resources {
		if strings.HasPrefix(key, "data.") {
			continue
		}
		var err error
		switch rs.Type {
		case "logto_api_resource":
			_, err = e.Client.GetAPIResource(ctx, rs.Primary.ID)
		case "logto_role":
			_, err = e.Client.GetRole(ctx, rs.Primary.ID)
		case "logto_api_resource_scope":
			var scopes []logto.APIResourceScope
			scopes, err = e.Client.ListAPIResourceScopes(ctx, rs.Primary.Attributes["resource_id"])
			if err != nil {
				return fmt.Errorf("checking scope %s: %w", rs.Primary.ID, err)
			}
			for _, sc := range scopes {
				if sc.ID == rs.Primary.ID {
					return fmt.Errorf("scope %s still exists", rs.Primary.ID)
				}
			}
			continue
		default:
			continue
		}
		if err == nil {
			return fmt.Errorf("%s %s still exists", rs.Type, rs.Primary.ID)
		}
		if !logto.IsNotFound(err) {
			return fmt.Errorf("checking %s %s: %w", rs.Type, rs.Primary.ID, err)
		}
	}
	return nil
}
