# Import the role set of a user by the user's ID.
terraform import logto_user_roles.ada ebcmo7yo1rtl
