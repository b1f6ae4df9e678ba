# Every machine-to-machine application of the tenant.
data "logto_applications" "m2m" {
  types = ["MachineToMachine"]
}

output "m2m_app_names" {
  value = [for app in data.logto_applications.m2m.applications : app.name]
}
