-- One account by its name.
select * from account
where account_name = $account_name
