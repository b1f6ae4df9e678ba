# Import an application by its Logto ID (its client_id), Terraform 1.5 and later.
import {
  to = logto_application.web
  id = "z29y90s4ilg51o9yadb46"
}
