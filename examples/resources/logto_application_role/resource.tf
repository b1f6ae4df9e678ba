resource "logto_application" "automation" {
  name = "terraform-automation"
  type = "MachineToMachine"
}

# Logto's built-in role that grants the Management API.
data "logto_role" "management" {
  name = "Logto Management API access"
}

# One role for the application; roles given elsewhere are left alone.
resource "logto_application_role" "automation_management" {
  application_id = logto_application.automation.id
  role_id        = data.logto_role.management.id
}
