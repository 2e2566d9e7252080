-- Stop a subscription (SQLite).
update subscription set is_active = 0
where subscription_id = $id
