-- Acknowledge an alert with a note (SQLite).
update alert set
    acked_by = $by,
    acked_at = $at,
    ack_note = $note
where alert_id = $alert_id
