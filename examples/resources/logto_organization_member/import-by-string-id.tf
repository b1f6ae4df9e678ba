# Import a member as <organization_id>/<user_id>, Terraform 1.5 and later.
import {
  to = logto_organization_member.alice
  id = "2u8kq9m1xw7t/u1b2c3d4e5f6"
}
