-- The Queues page's rollups as catalogue rollups with copies (pulse/metrics.toml), instead of
-- hand-written twins per city and per hall: queue_hourly holds the ticket measures once, at the
-- finest grain the page asks for, and queue_lane_wait_hist the waits by priority lane;
-- pulse.rollups builds their copies from them, and pulse.plan picks the copy that answers.

drop table if exists queue_hall_hourly;
drop table if exists queue_city_hourly;
drop table if exists queue_hall_service_daily;
drop table if exists queue_city_service_daily;
drop table if exists queue_hall_lane_wait_hist;
drop table if exists queue_city_lane_wait_hist;
drop table if exists queue_hall_lane_wait_monthly;
drop table if exists queue_hall_wait_monthly;

-- Tickets by day, hour of issue, hall, segment and service type.
create table if not exists queue_hourly (
    day date not null,
    hour tinyint not null check (hour between 0 and 23),  -- hour of issue
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar not null,
    tier varchar not null,
    segment varchar not null,
    service_type varchar not null,
    n_tickets bigint not null,
    n_called bigint not null,
    n_walked_away bigint not null,
    n_within_10min bigint not null,  -- called within the promise (settings: promise_s) of issue
    wait_s_sum double not null,  -- issue to call, over called tickets
    wait_s_sumsq double not null,
    n_service bigint not null,
    service_s_sum double not null,  -- start to finish at the counter
    service_s_sumsq double not null
);

-- The heatmap and the daily series: by hour, per city (the company or a province over long
-- periods) and per hall (a hall, and counter planning).
create table if not exists queue_city_hourly as
select * exclude (branch_id, tier, service_type) from queue_hourly
where false;

create table if not exists queue_hall_hourly as
select * exclude (service_type) from queue_hourly
where false;

-- The service-type table: by day, per city and per hall.
create table if not exists queue_city_service_daily as
select * exclude (hour, branch_id, tier) from queue_hourly
where false;

create table if not exists queue_hall_service_daily as
select * exclude (hour) from queue_hourly
where false;

-- Waits from issue to call in whole minutes (60 holds an hour or more) by priority lane.
create table if not exists queue_lane_wait_hist (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar not null,
    tier varchar not null,
    segment varchar not null,
    is_priority_lane boolean not null,
    bucket_min smallint not null,
    n bigint not null
);

create table if not exists queue_lane_wait_hist_city_monthly as
select * exclude (branch_id, tier) from queue_lane_wait_hist
where false;

create table if not exists queue_lane_wait_hist_city as
select * exclude (branch_id, tier) from queue_lane_wait_hist
where false;

create table if not exists queue_lane_wait_hist_monthly as
select * from queue_lane_wait_hist
where false;
