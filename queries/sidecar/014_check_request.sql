-- A "run now" request from the cron command when the dashboard holds the store (DuckDB lets
-- one process write it): the dashboard's scheduler thread picks it up and runs the pass.
create table check_request (
    request_id integer primary key,
    requested_at text not null,
    -- 1: check even if nothing changed (the command's --force)
    is_forced integer not null default 0,
    requested_by text not null default '',
    picked_at text,
    done_at text,
    outcome text
);
