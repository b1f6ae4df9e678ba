# A connector created in the Console, by its exact name…
data "logto_sso_connector" "acme" {
  connector_name = "Acme (Entra ID)"
}

# …or by id.
data "logto_sso_connector" "globex" {
  id = "te7p2dfnfs2r"
}

output "acme_redirect_uri" {
  value = data.logto_sso_connector.acme.redirect_uri
}

output "acme_domains" {
  value = data.logto_sso_connector.acme.domains
}
