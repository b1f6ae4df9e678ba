# Import an organization by its Logto ID, Terraform 1.5 and later.
import {
  to = logto_organization.acme
  id = "2u8kq9m1xw7t"
}
