# Import an SSO connector by its Logto ID. The client secret is read into
# client_secret: a write-only client_secret_wo cannot be imported.
terraform import logto_sso_connector.acme_entra 0boptmv94q9s
