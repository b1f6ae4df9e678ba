# Import an SSO connector by its Logto ID, Terraform 1.5 and later.
import {
  to = logto_sso_connector.acme_entra
  id = "0boptmv94q9s"
}
