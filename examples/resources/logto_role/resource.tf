resource "logto_api_resource" "orders" {
  name      = "Orders API"
  indicator = "https://api.acme.com"
}

resource "logto_api_resource_scope" "read" {
  resource_id = logto_api_resource.orders.id
  name        = "read:orders"
}

resource "logto_api_resource_scope" "write" {
  resource_id = logto_api_resource.orders.id
  name        = "write:orders"
}

# A role for the billing backend (a machine-to-machine application): it may
# read and write orders. Changing scope_ids updates the links in place.
resource "logto_role" "billing" {
  name        = "billing-service"
  description = "Backend access to the Orders API"
  type        = "MachineToMachine"
  scope_ids = [
    logto_api_resource_scope.read.id,
    logto_api_resource_scope.write.id,
  ]
}

# A role for people, given to every new user.
resource "logto_role" "viewer" {
  name       = "viewer"
  is_default = true
  scope_ids  = [logto_api_resource_scope.read.id]
}
