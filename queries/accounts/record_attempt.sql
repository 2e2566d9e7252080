-- The outcome of a password check: failures so far and the end of a lockout, if any.
update account set
    count_failures = $count_failures,
    locked_until = $locked_until
where account_name = $account_name
