# Import the role set of a user by the user's ID, Terraform 1.5 and later.
import {
  to = logto_user_roles.ada
  id = "ebcmo7yo1rtl"
}
