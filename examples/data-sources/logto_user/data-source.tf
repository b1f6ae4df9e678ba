# Look a user up by exact username (case included)…
data "logto_user" "ada" {
  username = "ada"
}

# …by primary email (ignoring case)…
data "logto_user" "by_email" {
  primary_email = "ada@example.com"
}

# …or by id.
data "logto_user" "by_id" {
  id = "ebcmo7yo1rtl"
}

output "ada_is_suspended" {
  value = data.logto_user.ada.is_suspended
}
