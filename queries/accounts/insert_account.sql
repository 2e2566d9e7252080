-- A new account.
insert into account (
    account_name, role_name, province_ids, city_ids, hall_ids, display_name, email,
    password_hash, is_disabled, count_failures, locked_until, created_at, changed_at
)
values (
    $account_name, $role_name, $province_ids, $city_ids, $hall_ids, $display_name, $email,
    $password_hash, $is_disabled, 0, null, $changed_at, $changed_at
)
