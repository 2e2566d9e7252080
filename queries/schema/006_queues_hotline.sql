-- Rollups of the Queues page: the tickets per counter. As in 005 every measure is a count or a
-- sum, so any level adds up exactly. This file once also created hand-written per-hall and
-- per-city twins of the queue and hotline rollups; schemas 013 and 014 drop them (drop table if
-- exists) for the stores made before, and a new store no longer creates them at all.

-- One row per hall and day with tickets: the hall's counters (branch.counters; the counters
-- actually staffed are not recorded) and the day's tickets per counter.
create table if not exists queue_counter_daily (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar not null,
    tier varchar not null,
    counters smallint not null,
    n_hall_days bigint not null,  -- always 1: summed, it counts hall-days
    n_tickets bigint not null,
    tickets_per_counter double not null,
    tickets_per_counter_sq double not null
);

-- Coarser copies of queue_counter_daily, declared as its variants in metrics.toml and built
-- from it by pulse.rollups: by city (summed over halls), by month, by city and month.
create table if not exists queue_counter_daily_city as
select * exclude (branch_id) from queue_counter_daily
where false;

create table if not exists queue_counter_monthly as
select * from queue_counter_daily
where false;

create table if not exists queue_counter_monthly_city as
select * exclude (branch_id) from queue_counter_daily
where false;
