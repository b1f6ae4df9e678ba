# Import a scope as <resource_id>/<scope_id>.
terraform import logto_api_resource_scope.write 3nvpgfoyzgbaf4mk0e0hs/yzw7dsmjnzw34vmynxrbc
