# Import a secret as <application_id>/<secret_name>, Terraform 1.5 and later.
import {
  to = logto_application_secret.ci
  id = "z29y90s4ilg51o9yadb46/ci-2026"
}
