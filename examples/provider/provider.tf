terraform {
  required_providers {
    logto = {
      source = "faccc625/logto"
    }
  }
}

# Credentials of a machine-to-machine application that holds the
# "Logto Management API access" role. Prefer the environment variables
# LOGTO_ENDPOINT, LOGTO_CLIENT_ID and LOGTO_CLIENT_SECRET to keep the secret
# out of the configuration.
provider "logto" {
  endpoint  = "https://abc123.logto.app" # or http://localhost:3001 for a self-hosted Logto
  client_id = "m2m-app-id"
  # client_secret from LOGTO_CLIENT_SECRET
  # resource is derived: https://abc123.logto.app/api here,
  # https://default.logto.app/api for a self-hosted Logto
}
