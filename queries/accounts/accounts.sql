-- Every account, by name.
select * from account
order by account_name
