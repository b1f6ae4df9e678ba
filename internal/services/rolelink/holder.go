// Package rolelink implements the role assignments of Logto's two kinds of
// role holders — machine-to-machine applications and users — as a pair of
// resources for each: an authoritative set of role ids for one holder
// (logto_<holder>_roles) and one additive link (logto_<holder>_role). Both
// change links by POST and DELETE only; set_resource.go says why not by
// PUT. The application and user packages describe their holder with a
// Holder and serve the resources.
package rolelink

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// Holder describes one kind of role holder and its routes.
type Holder struct {
	// Name is the holder in resource type names and the id attribute:
	// "application" gives logto_application_roles, logto_application_role
	// and application_id.
	Name string
	// Title names the holder in Title Case in diagnostics ("Application").
	Title string
	// Phrase names the holder in prose ("a machine-to-machine application").
	Phrase string
	// RoleType is the only role type the holder accepts.
	RoleType string
	// SetNotes and LinkNotes end the resources' descriptions (Markdown).
	SetNotes, LinkNotes string

	// The holder's routes, as logto.Client method expressions.
	List   func(c *logto.Client, ctx context.Context, holderID string) ([]logto.Role, error)
	Assign func(c *logto.Client, ctx context.Context, holderID string, roleIDs []string) error
	Remove func(c *logto.Client, ctx context.Context, holderID, roleID string) error
	Check  func(c *logto.Client, ctx context.Context, roleIDs []string) error
}

func (h Holder) idAttr() string { return h.Name + "_id" }

// roleCheckDiag explains a failed role check (Holder.Check) on the
// attribute at p: roles of the wrong type, an unknown role, or a failed
// request.
func (h Holder) roleCheckDiag(diags *diag.Diagnostics, p path.Path, summary string, err error) {
	var typeErr *logto.RoleTypeError
	switch {
	case errors.As(err, &typeErr):
		diags.AddAttributeError(p, "Wrong Logto Role Type",
			fmt.Sprintf("Logto refuses these roles: %s. Give %s only %s roles, or remove these from the "+
				"configuration. Nothing was changed in Logto.", err, h.Phrase, h.RoleType))
	case logto.IsNotFound(err):
		apiErr, _ := logto.AsError(err)
		roleID := strings.TrimPrefix(apiErr.Path, "/api/roles/")
		diags.AddAttributeError(p, "Unknown Logto Role",
			fmt.Sprintf("No role has the ID %q in this Logto tenant. Check the role id (a logto_role's id, "+
				"or the id a logto_role data source finds by name). Nothing was changed in Logto.", roleID))
	default:
		framework.AddAPIError(diags, summary, err)
	}
}

// linkError explains a failed assignment, with a hint for the answers
// Logto gives to a holder or role of the wrong type.
func (h Holder) linkError(diags *diag.Diagnostics, summary string, err error) {
	detail := framework.ErrorDetail(err)
	if apiErr, ok := logto.AsError(err); ok {
		switch apiErr.Code {
		case "application.invalid_type":
			detail += "\n\nOnly MachineToMachine applications hold roles; check the type of the application."
		case "application.invalid_role_type", "user.invalid_role_type", "entity.db_constraint_violated":
			detail += fmt.Sprintf("\n\n%s can hold %s roles only.", upperFirst(h.Phrase), h.RoleType)
		}
	}
	diags.AddError(summary, detail)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
