-- Hall-days on which the hall broke its wait promise all day (the scorecard's whole-day wait
-- deduction, catalogue metric queue_days_over_promise): one row per hall and day with called
-- tickets, built from queue_hall_hourly by queries/rollups/queue_wait_days.sql.
create table if not exists queue_wait_days (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar not null,
    tier varchar not null,
    n_open_hours bigint not null,  -- hours of issue in which tickets were called
    n_hours_over_promise bigint not null,  -- of those, hours whose mean wait broke the promise
    n_days_open bigint not null,  -- always 1: summed, it counts hall-days with called tickets
    n_days_over_promise bigint not null  -- 1 when every open hour broke the promise, else 0
);

-- Its copy by month (metrics.toml variant), built from it by pulse.rollups.
create table if not exists queue_wait_days_monthly as
select * from queue_wait_days
where false;
