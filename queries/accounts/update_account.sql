-- An account's role, scope, names, password and state, all written back at once.
update account set
    role_name = $role_name,
    province_ids = $province_ids,
    city_ids = $city_ids,
    hall_ids = $hall_ids,
    display_name = $display_name,
    email = $email,
    password_hash = $password_hash,
    is_disabled = $is_disabled,
    count_failures = $count_failures,
    locked_until = $locked_until,
    changed_at = $changed_at
where account_name = $account_name
