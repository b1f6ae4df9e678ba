# Import a role by its Logto ID, Terraform 1.5 and later.
import {
  to = logto_role.billing
  id = "19s1w6eujo73y290h1u50"
}
