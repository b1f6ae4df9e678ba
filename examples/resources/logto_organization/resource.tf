# One customer of a B2B application.
resource "logto_organization" "acme" {
  name        = "Acme Corp."
  description = "Customer since 2024"
  custom_data = jsonencode({ plan = "enterprise", seats = 250 })

  # Members must set up multi-factor authentication.
  is_mfa_required = true

  branding = {
    logo_url      = "https://acme.example.com/logo.png"
    dark_logo_url = "https://acme.example.com/logo-dark.png"
  }

  # Just-in-time provisioning: users who sign in with a verified
  # @acme.com address, or through Acme's enterprise SSO connector, join
  # the organization as members with the "member" role.
  jit_email_domains     = ["acme.com"]
  jit_sso_connector_ids = [logto_sso_connector.acme.id]
  jit_role_ids          = [logto_organization_role.member.id]
}

# An organization whose just-in-time settings are managed in the Console:
# the three jit_* sets are omitted, so Terraform leaves them alone.
resource "logto_organization" "globex" {
  name = "Globex"
}
