package organization

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

var objectAsOptions = basetypes.ObjectAsOptions{}

// checkRoles reads each organization role (one GET per role) and reports, on
// the attribute at p, the ids no role has and the roles not of wantType.
// Logto's own answers to these are a bare 422 (a foreign key or a database
// check), after part of a change may already have been made.
func checkRoles(ctx context.Context, c *logto.Client, ids []string, wantType string, p path.Path, diags *diag.Diagnostics) {
	var unknown, wrong []string
	for _, id := range ids {
		role, err := c.GetOrganizationRole(ctx, id)
		switch {
		case logto.IsNotFound(err):
			unknown = append(unknown, id)
		case err != nil:
			framework.AddAPIError(diags, "Unable to Check Logto Organization Roles", err)
			return
		case role.Type != wantType:
			wrong = append(wrong, fmt.Sprintf("%s (%s, a %s role)", role.ID, role.Name, role.Type))
		}
	}
	sort.Strings(unknown)
	sort.Strings(wrong)
	if len(unknown) > 0 {
		diags.AddAttributeError(p, "Unknown Logto Organization Role",
			fmt.Sprintf("No organization role has the ID %s in this Logto tenant. Use the id of a "+
				"logto_organization_role (or of the logto_organization_role data source). Nothing was changed in Logto.",
				strings.Join(quoted(unknown), ", ")))
	}
	if len(wrong) > 0 {
		diags.AddAttributeError(p, "Wrong Logto Organization Role Type",
			fmt.Sprintf("Only %s organization roles can be used here; these are not: %s. Nothing was changed in Logto.",
				wantType, strings.Join(wrong, ", ")))
	}
}

func quoted(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// added returns the elements of wanted that are not in held.
func added(wanted, held []string) []string {
	var out []string
	for _, x := range wanted {
		found := false
		for _, y := range held {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}
