package user

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
	"github.com/faccc625/terraform-provider-logto/internal/services/rolelink"
)

// roleHolder describes users as role holders (/api/users/{id}/roles) for
// logto_user_roles and logto_user_role.
var roleHolder = rolelink.Holder{
	Name:     "user",
	Title:    "User",
	Phrase:   "a user",
	RoleType: logto.RoleTypeUser,
	SetNotes: "\n\nLogto gives new users the roles marked `is_default`; a `logto_user_roles` takes them away " +
		"unless they are listed.",
	List:   (*logto.Client).ListUserRoles,
	Assign: (*logto.Client).AssignUserRoles,
	Remove: (*logto.Client).RemoveUserRole,
	Check:  (*logto.Client).CheckUserRoleTypes,
}

// NewRolesResource returns the logto_user_roles resource: the whole set of
// a user's roles.
func NewRolesResource() resource.Resource { return rolelink.NewSetResource(roleHolder) }

// NewRoleResource returns the logto_user_role resource: one role given to a
// user.
func NewRoleResource() resource.Resource { return rolelink.NewLinkResource(roleHolder) }
