data "logto_organization_role" "admin" {
  name = "admin"
}

# Give a member the role the template defines.
resource "logto_organization_member" "alice" {
  organization_id       = data.logto_organization.acme.id
  user_id               = logto_user.alice.id
  organization_role_ids = [data.logto_organization_role.admin.id]
}
