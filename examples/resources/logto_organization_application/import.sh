# Import an application's membership as <organization_id>/<application_id>.
terraform import logto_organization_application.acme_sync 2u8kq9m1xw7t/q7r8s9t0u1v2w3x4y5z6a
