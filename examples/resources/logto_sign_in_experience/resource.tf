# The sign-in experience is a singleton: declare it once per tenant. Only the
# attributes written here are managed; everything else (set in the Console or
# left at Logto's defaults) stays as it is and never shows as a change.
resource "logto_sign_in_experience" "this" {
  # The Enterprise SSO button: users whose email domain belongs to an
  # enterprise SSO connector (logto_sso_connector) are sent to their company's
  # identity provider.
  single_sign_on_enabled = true

  sign_in_mode = "SignInAndRegister"

  sign_up = {
    identifiers = ["username"]
    password    = true
    verify      = false
  }

  sign_in = {
    methods = [
      { identifier = "username", password = true, verification_code = false },
    ]
  }

  mfa = {
    factors = ["Totp", "WebAuthn", "BackupCode"]
    policy  = "PromptAtSignInAndSignUp"
  }

  # Only the primary color is managed: dark mode stays as set in the Console.
  color = {
    primary_color = "#0B5FFF"
  }

  branding = {
    logo_url = "https://acme.example.com/logo.svg"
    favicon  = "https://acme.example.com/favicon.ico"
  }

  language_info = {
    auto_detect       = true
    fallback_language = "en"
  }

  terms_of_use_url      = "https://acme.example.com/terms"
  privacy_policy_url    = "https://acme.example.com/privacy"
  agree_to_terms_policy = "ManualRegistrationOnly"
  support_email         = "support@acme.example.com"

  password_policy = {
    min_length          = 12
    min_character_types = 2
    rejected_words      = ["acme"]
  }
}
