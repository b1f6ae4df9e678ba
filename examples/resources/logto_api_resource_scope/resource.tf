resource "logto_api_resource" "orders" {
  name      = "Orders API"
  indicator = "https://api.acme.com"
}

# A permission of the Orders API. Names hold no spaces.
resource "logto_api_resource_scope" "write" {
  resource_id = logto_api_resource.orders.id
  name        = "write:orders"
  description = "Create and change orders"
}
