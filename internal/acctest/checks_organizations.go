package acctest

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// CheckOrganizationsDestroyed verifies that every logto_organization,
// logto_organization_scope and logto_organization_role in the state is gone
// from Logto, and that the members and applications of every
// logto_organization_members, logto_organization_member and
// logto_organization_application left their organization (or that it is
// gone) (a resource.TestCase CheckDestroy).
func (e *Env) CheckOrganizationsDestroyed(s *terraform.State) error {
	ctx := context.Background()
	for key, rs := range s.RootModule().Resources {
		if strings.HasPrefix(key, "data.") {
			continue
		}
		var err error
		switch rs.Type {
		case "logto_organization":
			_, err = e.Client.GetOrganization(ctx, rs.Primary.ID)
		case "logto_organization_scope":
			_, err = e.Client.GetOrganizationScope(ctx, rs.Primary.ID)
		case "logto_organization_role":
			_, err = e.Client.GetOrganizationRole(ctx, rs.Primary.ID)
		case "logto_organization_members":
			ids, listErr := e.Client.ListOrganizationMemberIDs(ctx, rs.Primary.ID, logto.OrganizationUsers)
			if listErr != nil {
				return fmt.Errorf("checking the members of %s: %w", rs.Primary.ID, listErr)
			}
			if len(ids) > 0 {
				return fmt.Errorf("organization %s still has members %v", rs.Primary.ID, ids)
			}
			continue
		case "logto_organization_member", "logto_organization_application":
			kind, attr := logto.OrganizationUsers, "user_id"
			if rs.Type == "logto_organization_application" {
				kind, attr = logto.OrganizationApplications, "application_id"
			}
			orgID, memberID := rs.Primary.Attributes["organization_id"], rs.Primary.Attributes[attr]
			ids, listErr := e.Client.ListOrganizationMemberIDs(ctx, orgID, kind)
			if listErr != nil {
				return fmt.Errorf("checking the %s of %s: %w", kind, orgID, listErr)
			}
			if slices.Contains(ids, memberID) {
				return fmt.Errorf("%s %s is still in organization %s", attr, memberID, orgID)
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
