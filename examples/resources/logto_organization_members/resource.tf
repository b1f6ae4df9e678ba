# Exactly these users are members of the organization: members added in the
# Console (or just in time) are removed by the next apply. Do not combine
# with logto_organization_member on the same organization.
resource "logto_organization_members" "globex" {
  organization_id = logto_organization.globex.id
  user_ids = [
    logto_user.alice.id,
    logto_user.bob.id,
  ]
}
