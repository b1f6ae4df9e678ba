data "logto_organization_scope" "read_invoices" {
  name = "read:invoices"
}

output "read_invoices_scope_id" {
  value = data.logto_organization_scope.read_invoices.id
}
