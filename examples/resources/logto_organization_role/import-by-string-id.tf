# Import an organization role by its Logto ID, Terraform 1.5 and later.
import {
  to = logto_organization_role.admin
  id = "a9536ds6znvhximig21a6"
}
