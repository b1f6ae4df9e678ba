# Import the members of an organization by the organization's ID,
# Terraform 1.5 and later.
import {
  to = logto_organization_members.globex
  id = "2u8kq9m1xw7t"
}
