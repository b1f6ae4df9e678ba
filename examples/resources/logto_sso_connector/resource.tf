# Microsoft Entra ID with OpenID Connect, for one customer's tenant. The client
# secret is write-only: it comes from an ephemeral variable and is never stored
# in the plan or the state. Bump client_secret_wo_version to send a new one.
variable "acme_entra_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "logto_sso_connector" "acme_entra" {
  provider_name  = "AzureAdOidc"
  connector_name = "Acme (Entra ID)"
  domains        = ["acme.com", "acme.co.uk"]

  branding = {
    display_name = "Acme"
  }

  oidc = {
    client_id                = "00000000-0000-0000-0000-000000000000" # Application (client) ID
    client_secret_wo         = var.acme_entra_client_secret
    client_secret_wo_version = 1
    issuer                   = "https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/v2.0"
  }
}

# The redirect URI to add to the Entra app registration (Authentication > Web).
output "acme_entra_redirect_uri" {
  value = logto_sso_connector.acme_entra.redirect_uri
}

# Okta (OpenID Connect), secret kept in the state (sensitive).
resource "logto_sso_connector" "globex_okta" {
  provider_name  = "Okta"
  connector_name = "Globex (Okta)"
  domains        = ["globex.com"]
  sync_profile   = true

  oidc = {
    client_id     = "0oa1b2c3d4e5f6g7h8i9"
    client_secret = var.globex_okta_client_secret
    issuer        = "https://globex.okta.com"
    scope         = "groups"
  }
}

variable "globex_okta_client_secret" {
  type      = string
  sensitive = true
}

# Google Workspace: the issuer is fixed, so there is none to give.
resource "logto_sso_connector" "initech_google" {
  provider_name  = "GoogleWorkspace"
  connector_name = "Initech (Google Workspace)"
  domains        = ["initech.com"]

  oidc = {
    client_id                = "123456789012-abc.apps.googleusercontent.com"
    client_secret_wo         = var.initech_google_client_secret
    client_secret_wo_version = 1
  }
}

variable "initech_google_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

# Microsoft Entra ID with SAML: Logto reads the federation metadata. Give the
# Entra enterprise application Logto's entity ID and reply (ACS) URL.
resource "logto_sso_connector" "umbrella_entra_saml" {
  provider_name  = "AzureAD"
  connector_name = "Umbrella (Entra ID SAML)"
  domains        = ["umbrella.com"]

  saml = {
    metadata_url = "https://login.microsoftonline.com/22222222-2222-2222-2222-222222222222/federationmetadata/2007-06/federationmetadata.xml?appid=33333333-3333-3333-3333-333333333333"
    attribute_mapping = {
      email = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
      name  = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"
    }
  }
}

output "umbrella_saml_identifier" {
  value = logto_sso_connector.umbrella_entra_saml.saml_sp_entity_id
}

output "umbrella_saml_reply_url" {
  value = logto_sso_connector.umbrella_entra_saml.saml_acs_url
}

# Any SAML 2.0 identity provider, its metadata given piece by piece.
resource "logto_sso_connector" "hooli_saml" {
  provider_name  = "SAML"
  connector_name = "Hooli (SAML)"
  domains        = ["hooli.com"]

  saml = {
    entity_id        = "https://idp.hooli.com/saml"
    sign_in_endpoint = "https://idp.hooli.com/saml/sso"
    x509_certificate = var.hooli_signing_certificate # PEM: -----BEGIN CERTIFICATE----- …
  }
}

variable "hooli_signing_certificate" {
  type = string
}
