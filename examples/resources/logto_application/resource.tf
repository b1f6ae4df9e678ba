# A server-rendered web app signing users in with the authorization code flow.
resource "logto_application" "web" {
  name        = "Acme Dashboard"
  type        = "Traditional"
  description = "Customer dashboard"

  redirect_uris             = ["https://dashboard.acme.com/callback", "http://localhost:3000/callback"]
  post_logout_redirect_uris = ["https://dashboard.acme.com/"]
  cors_allowed_origins      = ["https://dashboard.acme.com"]

  refresh_token_ttl_in_days = 30
  rotate_refresh_token      = true

  custom_data = jsonencode({
    owner = "platform-team"
  })
}

# A single-page app (no secret).
resource "logto_application" "spa" {
  name          = "Acme Web"
  type          = "SPA"
  redirect_uris = ["https://app.acme.com/callback"]
}

# A machine-to-machine app for a backend service.
resource "logto_application" "worker" {
  name = "billing-worker"
  type = "MachineToMachine"
}

# The client secret to hand to the service (sensitive).
output "worker_client_secret" {
  value     = logto_application.worker.secret
  sensitive = true
}
