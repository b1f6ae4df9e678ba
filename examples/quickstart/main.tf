# A small, complete configuration: a web app, its single-page companion and a
# backend service. `make demo` applies it against the local Logto emulator.
#
# Provider settings come from LOGTO_ENDPOINT, LOGTO_CLIENT_ID and
# LOGTO_CLIENT_SECRET.
terraform {
  required_version = ">= 1.5"
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

output "application_count" {
  value = length(data.logto_applications.all.applications)
}
