-- Every open session of an account ends (it was disabled, or its password or role changed).
update user_session set ended_at = $ended_at
where account_name = $account_name and ended_at is null
