-- Snooze an alert's messages until a time (SQLite).
update alert set snoozed_until = $until
where alert_id = $alert_id
