-- One step of an alert's history (SQLite).
insert into alert_log (alert_id, logged_at, action, by_user, note)
values ($alert_id, $at, $action, $by, $note)
