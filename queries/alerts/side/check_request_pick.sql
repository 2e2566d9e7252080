-- Take a request; only an unpicked one moves, so two schedulers never both run it (SQLite).
update check_request set picked_at = $at
where
    request_id = $request_id
    and picked_at is null
