-- Record one check (SQLite).
insert into check_run (as_of, data_version, started_at, opened, closed, sent, failed)
values ($as_of, $data_version, $started_at, $opened, $closed, $sent, $failed)
