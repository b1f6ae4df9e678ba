resource "logto_application" "worker" {
  name = "billing-worker"
  type = "MachineToMachine"

  # Keep the Default secret out of the state: it is read only when needed.
  store_secret = false
}

# Read the Default secret (Terraform 1.10 and later); nothing is stored.
ephemeral "logto_application_secret" "worker" {
  application_id = logto_application.worker.id
}

# Or a named secret.
ephemeral "logto_application_secret" "worker_next" {
  application_id = logto_application.worker.id
  name           = "rotation-2027"
}

# Hand it on through a write-only argument of another provider, for example a
# secret store (any write-only argument or provider block takes it).
#
# resource "aws_secretsmanager_secret_version" "worker" {
#   secret_id                = aws_secretsmanager_secret.worker.id
#   secret_string_wo         = ephemeral.logto_application_secret.worker.value
#   secret_string_wo_version = 1
# }
