resource "logto_application" "billing_worker" {
  name = "billing-worker"
  type = "MachineToMachine"
}

resource "logto_role" "billing_reader" {
  name = "billing-reader"
  type = "MachineToMachine"
}

resource "logto_role" "billing_writer" {
  name = "billing-writer"
  type = "MachineToMachine"
}

# Every role of the worker: roles given elsewhere are taken away.
# Use either this resource or logto_application_role for one application, not both.
resource "logto_application_roles" "billing_worker" {
  application_id = logto_application.billing_worker.id
  role_ids = [
    logto_role.billing_reader.id,
    logto_role.billing_writer.id,
  ]
}
