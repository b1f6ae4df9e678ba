# Import a member as <organization_id>/<user_id>.
terraform import logto_organization_member.alice 2u8kq9m1xw7t/u1b2c3d4e5f6
