# Import an organization scope by its Logto ID, Terraform 1.5 and later.
import {
  to = logto_organization_scope.read_invoices
  id = "sz43wha75vyed5je1611v"
}
