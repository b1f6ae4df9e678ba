data "logto_user" "ada" {
  primary_email = "ada@example.com"
}

resource "logto_role" "auditor" {
  name = "auditor"
}

# One role for a user managed elsewhere; the user's other roles are left alone.
resource "logto_user_role" "ada_auditor" {
  user_id = data.logto_user.ada.id
  role_id = logto_role.auditor.id
}
