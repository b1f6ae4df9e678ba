# Import the role set of an application by the application's ID.
terraform import logto_application_roles.billing_worker e83h1dk0107oqlxw0z0k7
