# Import the role set of an application by the application's ID, Terraform 1.5 and later.
import {
  to = logto_application_roles.billing_worker
  id = "e83h1dk0107oqlxw0z0k7"
}
