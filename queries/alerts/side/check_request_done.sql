-- What the pass a request asked for did (SQLite).
update check_request set
    done_at = $at,
    outcome = $outcome
where request_id = $request_id
