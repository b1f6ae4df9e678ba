# Import an API resource by its Logto ID.
terraform import logto_api_resource.orders 3nvpgfoyzgbaf4mk0e0hs
