# Import an organization by its Logto ID.
terraform import logto_organization.acme 2u8kq9m1xw7t
