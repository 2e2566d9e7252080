-- Hall-wide queue snapshots and the snapshot rollup.
--
-- Many queue systems export one row per hall and minute with no service type. The service
-- type is part of queue_snapshot's key (DuckDB keeps keys free of nulls, and the loader
-- replaces rows by the key), so such a row names the reserved service type 'all': all service
-- types of the hall. A profile whose file has no service-type column sets it as a constant.
-- Where a hall has a hall-wide row for a minute, that row stands for the hall at that minute
-- and the same minute's per-type rows are left out of every sum (they are kept, not deleted):
-- a hall-wide row is never added to the per-type rows it already counts.
insert into service_type (service_type_id, name_en, name_zh)
values ('all', 'All service types', '全部业务')
on conflict do nothing;

-- The snapshots per day, hour of day and hall (catalogue rollup queue_snapshot_hourly, built
-- by queries/rollups/queue_snapshot_hourly.sql): a hall-minute is one hall at one minute,
-- its people waiting and counters open summed over its service types (or its hall-wide row).
-- Each wait estimate is one queue's: a service type's, or the hall-wide row's.
create table if not exists queue_snapshot_hourly (
    day date not null,
    hour tinyint not null check (hour between 0 and 23),  -- hour of day of the snapshot
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar not null,
    tier varchar not null,
    n_rows bigint not null,  -- snapshot rows, per-type rows behind a hall-wide row included
    n_minutes bigint not null,  -- hall-minutes
    waiting_sum double not null,  -- people waiting in the hall, over hall-minutes
    waiting_sumsq double not null,
    counters_sum double not null,  -- counters open in the hall, over hall-minutes
    counters_sumsq double not null,
    n_estimates bigint not null,  -- the system's wait estimates
    expected_wait_s_sum double not null,
    expected_wait_s_sumsq double not null,
    n_over_promise bigint not null  -- estimates above the promise (settings: promise_s)
);
