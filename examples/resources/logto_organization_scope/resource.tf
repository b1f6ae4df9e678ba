# Permissions of the organization template, shared by every organization.
resource "logto_organization_scope" "read_invoices" {
  name        = "read:invoices"
  description = "Read the organization's invoices"
}

resource "logto_organization_scope" "manage_members" {
  name        = "manage:members"
  description = "Invite and remove members"
}
