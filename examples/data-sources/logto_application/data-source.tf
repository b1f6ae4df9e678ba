# Look an application up by exact name (an error when none or several match)…
data "logto_application" "dashboard" {
  name = "Acme Dashboard"
}

# …or by id.
data "logto_application" "by_id" {
  id = "z29y90s4ilg51o9yadb46"
}

output "dashboard_redirect_uris" {
  value = data.logto_application.dashboard.redirect_uris
}
