-- A session ends (signed out or expired); the row stays as a record.
update user_session set ended_at = $ended_at
where token_sha256 = $token_sha256 and ended_at is null
