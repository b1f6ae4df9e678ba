# Import one role of a user as <user_id>/<role_id>.
terraform import logto_user_role.ada_auditor ebcmo7yo1rtl/hkofqzho2k9su2m0ii7k7
