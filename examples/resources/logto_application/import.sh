# Import an application by its Logto ID (its client_id).
terraform import logto_application.web z29y90s4ilg51o9yadb46
