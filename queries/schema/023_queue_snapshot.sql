-- Queue snapshots (queue system): per minute, per hall and service type, the people waiting,
-- the counters open and the system's own estimate of the wait. These are the system's
-- estimates, not measured waits; the tickets (queue_ticket) hold the measured ones.
-- The service type is part of the natural key, so it is required: the loader replaces rows by
-- the table's primary key, which DuckDB keeps free of nulls.
create table if not exists queue_snapshot (
    branch_id varchar not null,
    service_type varchar not null,
    snapshot_at timestamp not null,
    count_waiting integer not null check (count_waiting >= 0),
    counters_open smallint not null check (counters_open >= 0),
    -- empty when the system gives no estimate (nobody waiting, or a queue it cannot estimate)
    expected_wait_s integer check (expected_wait_s >= 0),
    primary key (branch_id, service_type, snapshot_at)
);
