# Logto's built-in role for machine-to-machine apps that manage Logto.
data "logto_role" "management" {
  name = "Logto Management API access"
}

# …or any role by id.
data "logto_role" "billing" {
  id = "19s1w6eujo73y290h1u50"
}

output "management_role_scopes" {
  value = data.logto_role.management.scope_ids
}
