# Import the tenant's sign-in experience, Terraform 1.5 and later; any ID works
# (Logto's is "default").
import {
  to = logto_sign_in_experience.this
  id = "default"
}
