# Import one role of a user as <user_id>/<role_id>, Terraform 1.5 and later.
import {
  to = logto_user_role.ada_auditor
  id = "ebcmo7yo1rtl/hkofqzho2k9su2m0ii7k7"
}
