# Import a user by its Logto ID, Terraform 1.5 and later.
import {
  to = logto_user.ada
  id = "ebcmo7yo1rtl"
}
