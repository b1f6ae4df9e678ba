package application

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
	"github.com/faccc625/terraform-provider-logto/internal/services/rolelink"
)

// roleHolder describes machine-to-machine applications as role holders
// (/api/applications/{id}/roles) for logto_application_roles and
// logto_application_role.
var roleHolder = rolelink.Holder{
	Name:     "application",
	Title:    "Application",
	Phrase:   "a machine-to-machine application",
	RoleType: logto.RoleTypeMachineToMachine,
	SetNotes: "\n\nThis is how a machine-to-machine application gets API permissions, Logto's own " +
		"`Logto Management API access` included. Mind the application the provider itself signs in " +
		"with: a set that leaves out its Management API role locks the provider out.",
	LinkNotes: "\n\nThis is how a machine-to-machine application gets API permissions, Logto's own " +
		"`Logto Management API access` included (find it with the `logto_role` data source by name).",
	List:   (*logto.Client).ListApplicationRoles,
	Assign: (*logto.Client).AssignApplicationRoles,
	Remove: (*logto.Client).RemoveApplicationRole,
	Check:  (*logto.Client).CheckApplicationRoleTypes,
}

// NewRolesResource returns the logto_application_roles resource: the whole
// set of a machine-to-machine application's roles.
func NewRolesResource() resource.Resource { return rolelink.NewSetResource(roleHolder) }
