# An API of yours that Logto issues access tokens for. Clients request tokens
# with resource=https://api.acme.com; the tokens' audience is that indicator.
resource "logto_api_resource" "orders" {
  name             = "Orders API"
  indicator        = "https://api.acme.com"
  access_token_ttl = 3600
}

# Its permissions.
resource "logto_api_resource_scope" "read" {
  resource_id = logto_api_resource.orders.id
  name        = "read:orders"
  description = "Read orders"
}
