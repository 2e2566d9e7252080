-- A session by its token's hash.
select * from user_session
where token_sha256 = $token_sha256
