# Logto's own Management API (self-hosted; on Logto Cloud the indicator is
# https://<tenant-id>.logto.app/api).
data "logto_api_resource" "management" {
  indicator = "https://default.logto.app/api"
}

# …or any API resource by id.
data "logto_api_resource" "orders" {
  id = "3nvpgfoyzgbaf4mk0e0hs"
}

output "management_api_id" {
  value = data.logto_api_resource.management.id
}
