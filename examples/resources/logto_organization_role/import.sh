# Import an organization role by its Logto ID.
terraform import logto_organization_role.admin a9536ds6znvhximig21a6
