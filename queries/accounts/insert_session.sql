-- A session starts.
insert into user_session (token_sha256, account_name, method, started_at, seen_at, ended_at)
values ($token_sha256, $account_name, $method, $started_at, $started_at, null)
