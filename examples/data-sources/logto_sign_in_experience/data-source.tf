# Everything the sign-in experience holds, whether Terraform manages it or not.
data "logto_sign_in_experience" "current" {}

output "enterprise_sso_enabled" {
  value = data.logto_sign_in_experience.current.single_sign_on_enabled
}

output "mfa_factors" {
  value = data.logto_sign_in_experience.current.mfa.factors
}
