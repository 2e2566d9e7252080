-- Record "sending" before an attempt; only a pending or failed row moves, so two processes
-- never both send one delivery (SQLite).
update delivery set
    state = 'sending',
    attempts = $attempts,
    last_error = null,
    sent_at = null
where
    delivery_key = $key
    and state in ('pending', 'failed')
