# A small, complete configuration: a web app, its single-page companion, a
# backend service, enterprise SSO for one customer (an OpenID Connect
# connector routing the customer's email domain, and the Enterprise SSO switch
# of the sign-in page), and that customer as an organization whose members
# join just in time by the email domain or through the connector. `make demo`
# applies it against the local Logto emulator, with a mock identity provider
# on loopback as the customer's issuer.
#
# Provider settings come from LOGTO_ENDPOINT, LOGTO_CLIENT_ID and
# LOGTO_CLIENT_SECRET; the SSO settings from TF_VAR_sso_issuer and
# TF_VAR_sso_client_secret.
terraform {
  # 1.11: the connector's client secret is a write-only argument.
  required_version = ">= 1.11"
  required_providers {
    logto = {
      source = "faccc625/logto"
    }
  }
}

provider "logto" {}

variable "base_url" {
  description = "Where the web app is served."
  type        = string
  default     = "https://app.example.com"
}

resource "logto_application" "web" {
  name                      = "Quickstart web app"
  type                      = "Traditional"
  description               = "Server-rendered app signing users in with Logto"
  redirect_uris             = ["${var.base_url}/callback"]
  post_logout_redirect_uris = ["${var.base_url}/"]
  refresh_token_ttl_in_days = 30
  custom_data               = jsonencode({ managed_by = "terraform" })
}

resource "logto_application" "spa" {
  name                 = "Quickstart SPA"
  type                 = "SPA"
  redirect_uris        = ["${var.base_url}/spa/callback"]
  cors_allowed_origins = [var.base_url]
}

resource "logto_application" "worker" {
  name        = "Quickstart worker"
  type        = "MachineToMachine"
  description = "Backend job calling APIs with client credentials"
}

variable "sso_issuer" {
  description = "Issuer URL of the customer's OpenID Connect identity provider; for Microsoft Entra ID, https://login.microsoftonline.com/<tenant-id>/v2.0. Logto fetches <issuer>/.well-known/openid-configuration. make demo serves one on loopback."
  type        = string
}

variable "sso_client_secret" {
  description = "Client secret of the app registered in the customer's identity provider."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "sso_domain" {
  description = "The customer's email domain, routed to their identity provider."
  type        = string
  default     = "acme.example.com"
}

# Users who type someone@<sso_domain> on the sign-in page are sent to the
# customer's identity provider. The secret is write-only: never in the plan or
# the state; bump client_secret_wo_version to send a new one.
resource "logto_sso_connector" "customer" {
  provider_name  = "OIDC"
  connector_name = "Quickstart customer SSO"
  domains        = [var.sso_domain]
  branding       = { display_name = "Acme" }

  oidc = {
    client_id                = "quickstart-client"
    client_secret_wo         = var.sso_client_secret
    client_secret_wo_version = 1
    issuer                   = var.sso_issuer
    scope                    = "offline_access"
  }
}

# The Enterprise SSO switch of the sign-in page; the other sign-in experience
# settings stay as they are. Destroying the demo turns it off again.
resource "logto_sign_in_experience" "this" {
  single_sign_on_enabled = true
  reset_on_destroy       = true
}

# The customer as an organization. Users of the customer's email domain, and
# users signing in through its SSO connector, join it just in time, with the
# "member" role of the organization template.
resource "logto_organization_scope" "read_projects" {
  name        = "read:projects"
  description = "See the organization's projects"
}

resource "logto_organization_role" "member" {
  name                   = "member"
  description            = "Member of a customer organization"
  organization_scope_ids = [logto_organization_scope.read_projects.id]
}

resource "logto_organization" "customer" {
  name        = "Acme"
  description = "Quickstart customer"
  custom_data = jsonencode({ plan = "trial" })

  jit_email_domains     = [var.sso_domain]
  jit_sso_connector_ids = [logto_sso_connector.customer.id]
  jit_role_ids          = [logto_organization_role.member.id]
}

data "logto_applications" "all" {
  depends_on = [logto_application.web, logto_application.spa, logto_application.worker]
}

output "web_client_id" {
  value = logto_application.web.id
}

output "spa_client_id" {
  value = logto_application.spa.id
}

output "worker_client_id" {
  value = logto_application.worker.id
}

output "worker_client_secret" {
  value     = logto_application.worker.secret
  sensitive = true
}

output "sso_redirect_uri" {
  description = "Register this redirect URI in the customer's identity provider."
  value       = logto_sso_connector.customer.redirect_uri
}

output "organization_id" {
  value = logto_organization.customer.id
}

output "application_count" {
  value = length(data.logto_applications.all.applications)
}
