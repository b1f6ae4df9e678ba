# The password comes from an ephemeral variable (Terraform 1.10 and later):
# it is sent to Logto and stored in neither the plan nor the state.
variable "ada_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "logto_user" "ada" {
  username      = "ada"
  primary_email = "ada@example.com"
  name          = "Ada Lovelace"
  avatar        = "https://example.com/avatars/ada.png"

  custom_data = jsonencode({
    team = "platform"
  })

  # Only the claims written here are managed; others set in the Console stay.
  profile = {
    given_name  = "Ada"
    family_name = "Lovelace"
    locale      = "en-GB"
    address = {
      locality = "London"
      country  = "GB"
    }
  }

  # Write-only (Terraform 1.11 and later). Change the version to send a new password.
  password_wo         = var.ada_password
  password_wo_version = 1
}
