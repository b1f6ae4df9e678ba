# Import the tenant's sign-in experience; any ID works (Logto's is "default").
terraform import logto_sign_in_experience.this default
