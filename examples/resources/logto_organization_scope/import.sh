# Import an organization scope by its Logto ID.
terraform import logto_organization_scope.read_invoices sz43wha75vyed5je1611v
