# Import the members of an organization by the organization's ID.
terraform import logto_organization_members.globex 2u8kq9m1xw7t
