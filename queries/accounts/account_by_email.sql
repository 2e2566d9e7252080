-- The account an OpenID Connect user's e-mail names, whatever its case.
select * from account
where email <> '' and lower(email) = lower($email)
