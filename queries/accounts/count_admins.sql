-- Active admin accounts that can sign in with a password or through OpenID Connect.
select count(*) as count_admins from account
where role_name = 'admin' and is_disabled = 0 and (password_hash <> '' or email <> '')
