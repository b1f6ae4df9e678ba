resource "logto_application" "worker" {
  name = "billing-worker"
  type = "MachineToMachine"
}

# A second secret for the worker, valid for a year from when it was written.
# To rotate: add a new secret, roll it out, then remove the old one.
resource "logto_application_secret" "ci" {
  application_id = logto_application.worker.id
  name           = "ci-2026"
  expires_at     = "2027-06-30T00:00:00Z"
}

output "ci_client_secret" {
  value     = logto_application_secret.ci.value
  sensitive = true
}
