# Import one role of an application as <application_id>/<role_id>, Terraform 1.5 and later.
import {
  to = logto_application_role.automation_management
  id = "e83h1dk0107oqlxw0z0k7/phndji8x05j6txph4xmiq"
}
