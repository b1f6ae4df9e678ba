# Import an API resource by its Logto ID, Terraform 1.5 and later.
import {
  to = logto_api_resource.orders
  id = "3nvpgfoyzgbaf4mk0e0hs"
}
