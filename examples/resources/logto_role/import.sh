# Import a role by its Logto ID.
terraform import logto_role.billing 19s1w6eujo73y290h1u50
