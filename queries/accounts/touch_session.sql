-- The session was used now: its idle time starts again.
update user_session set seen_at = $seen_at
where token_sha256 = $token_sha256
