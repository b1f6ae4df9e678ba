package application

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/faccc625/terraform-provider-logto/internal/services/rolelink"
)

// NewRoleResource returns the logto_application_role resource: one role
// given to a machine-to-machine application (see roleHolder).
func NewRoleResource() resource.Resource { return rolelink.NewLinkResource(roleHolder) }
