# One member with their organization roles; other members of the
# organization (added in the Console, or just in time) are left alone.
resource "logto_organization_member" "alice" {
  organization_id       = logto_organization.acme.id
  user_id               = logto_user.alice.id
  organization_role_ids = [logto_organization_role.admin.id]
}
