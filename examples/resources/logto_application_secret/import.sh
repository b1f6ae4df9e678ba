# Import a secret as <application_id>/<secret_name>.
terraform import logto_application_secret.ci z29y90s4ilg51o9yadb46/ci-2026
