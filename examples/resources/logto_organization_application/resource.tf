resource "logto_application" "invoice_sync" {
  name = "Invoice sync"
  type = "MachineToMachine"
}

# The service acts in Acme's organization with the invoice-sync role: it
# asks for an organization token (client credentials with
# organization_id) and gets the role's API permissions there.
resource "logto_organization_application" "acme_sync" {
  organization_id       = logto_organization.acme.id
  application_id        = logto_application.invoice_sync.id
  organization_role_ids = [logto_organization_role.sync.id]
}
