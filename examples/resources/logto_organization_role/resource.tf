# Roles of the organization template: every organization has them.
resource "logto_organization_role" "admin" {
  name        = "admin"
  description = "Manages the organization"
  organization_scope_ids = [
    logto_organization_scope.read_invoices.id,
    logto_organization_scope.manage_members.id,
  ]
  # API permissions carried by organization tokens for that API.
  resource_scope_ids = [logto_api_resource_scope.write_invoices.id]
}

resource "logto_organization_role" "member" {
  name                   = "member"
  organization_scope_ids = [logto_organization_scope.read_invoices.id]
}

# A role for machine-to-machine applications acting in an organization.
resource "logto_organization_role" "sync" {
  name               = "invoice-sync"
  type               = "MachineToMachine"
  resource_scope_ids = [logto_api_resource_scope.write_invoices.id]
}
