-- Record an attempt's outcome (SQLite).
update delivery set
    state = $state,
    attempts = $attempts,
    last_error = $error,
    sent_at = case when $state = 'sent' then $at end
where delivery_key = $key
