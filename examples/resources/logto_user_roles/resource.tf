resource "logto_user" "ada" {
  username = "ada"
}

resource "logto_role" "editor" {
  name = "editor"
}

resource "logto_role" "reviewer" {
  name = "reviewer"
}

# Every role of the user: roles given elsewhere (default roles included) are taken away.
# Use either this resource or logto_user_role for one user, not both.
resource "logto_user_roles" "ada" {
  user_id  = logto_user.ada.id
  role_ids = [logto_role.editor.id, logto_role.reviewer.id]
}
