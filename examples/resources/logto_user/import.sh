# Import a user by its Logto ID.
terraform import logto_user.ada ebcmo7yo1rtl
