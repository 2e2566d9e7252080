-- Ask the dashboard's scheduler for a pass (SQLite).
insert into check_request (requested_at, is_forced, requested_by)
values ($at, $is_forced, $by)
