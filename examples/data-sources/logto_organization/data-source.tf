# An organization made in the Console, by its exact name (an error when
# several organizations share the name)…
data "logto_organization" "acme" {
  name = "Acme Corp."
}

# …or by id.
data "logto_organization" "globex" {
  id = "2u8kq9m1xw7t"
}

output "acme_jit_domains" {
  value = data.logto_organization.acme.jit_email_domains
}
