# Import a scope as <resource_id>/<scope_id>, Terraform 1.5 and later.
import {
  to = logto_api_resource_scope.write
  id = "3nvpgfoyzgbaf4mk0e0hs/yzw7dsmjnzw34vmynxrbc"
}
