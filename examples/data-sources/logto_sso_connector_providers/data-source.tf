data "logto_sso_connector_providers" "all" {}

# provider_name => "oidc" or "saml": which block a connector of it takes.
output "sso_providers" {
  value = { for p in data.logto_sso_connector_providers.all.providers : p.provider_name => p.provider_type }
}
