-- Rollups of the Queues and Hotline pages. As in 005 every measure is a count or a sum, so
-- any level (a weekday and hour over a quarter, a hall, a queue's half hour) adds up exactly.
-- Most come in two grains: per hall, ordered by hall, for a hall or city filter; and per city,
-- a few times smaller, for the whole company or a province over long periods. A page reads the
-- smallest one that honours its filter (pulse.queueview.grain).

-- Tickets by the hour they were issued: the weekday x hour heatmap, counter planning and the
-- daily series (the hall grain, ordered by hall, is quick to read for a few halls).
create table if not exists queue_hall_hourly (
    day date not null,
    hour tinyint not null check (hour between 0 and 23),  -- hour of issue
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar not null,
    tier varchar not null,
    segment varchar not null,
    n_tickets bigint not null,
    n_called bigint not null,
    n_walked_away bigint not null,
    n_within_10min bigint not null,  -- called within 600 s of issue
    wait_s_sum double not null,  -- issue to call, over called tickets
    wait_s_sumsq double not null,
    n_service bigint not null,
    service_s_sum double not null,  -- start to finish at the counter
    service_s_sumsq double not null
);

create table if not exists queue_city_hourly (
    day date not null,
    hour tinyint not null check (hour between 0 and 23),
    province_id varchar not null,
    city_id varchar not null,
    segment varchar not null,
    n_tickets bigint not null,
    n_called bigint not null,
    n_walked_away bigint not null,
    n_within_10min bigint not null,  -- called within 600 s of issue
    wait_s_sum double not null,  -- issue to call, over called tickets
    wait_s_sumsq double not null,
    n_service bigint not null,
    service_s_sum double not null,  -- start to finish at the counter
    service_s_sumsq double not null
);

-- Wait from issue to call in whole minutes (60 holds an hour or more), by priority lane, so
-- the priority lane's waits can be set against the regular queue's.
create table if not exists queue_hall_lane_wait_hist (
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

create table if not exists queue_city_lane_wait_hist (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    segment varchar not null,
    is_priority_lane boolean not null,
    bucket_min smallint not null,
    n bigint not null
);

-- The same by month (day holds the month's first day), for the 90th-percentile wait of every
-- hall over long periods: whole months come from here, the days around them from the daily grain.
create table if not exists queue_hall_lane_wait_monthly (
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

-- The same without segment and lane, a few times smaller, when no segment is chosen.
create table if not exists queue_hall_wait_monthly (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar not null,
    tier varchar not null,
    bucket_min smallint not null,
    n bigint not null
);

-- queue_daily's measures by service type (new line, billing, device ...).
create table if not exists queue_hall_service_daily (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar not null,
    tier varchar not null,
    segment varchar not null,
    service_type varchar not null,
    n_tickets bigint not null,
    n_called bigint not null,
    n_walked_away bigint not null,
    n_within_10min bigint not null,
    wait_s_sum double not null,
    wait_s_sumsq double not null,
    n_service bigint not null,
    service_s_sum double not null,
    service_s_sumsq double not null
);

create table if not exists queue_city_service_daily (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    segment varchar not null,
    service_type varchar not null,
    n_tickets bigint not null,
    n_called bigint not null,
    n_walked_away bigint not null,
    n_within_10min bigint not null,
    wait_s_sum double not null,
    wait_s_sumsq double not null,
    n_service bigint not null,
    service_s_sum double not null,
    service_s_sumsq double not null
);

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

-- Hotline calls per half hour of arrival (slot 0 = 00:00-00:30 ... 47 = 23:30-24:00) and queue:
-- the staffing gap (per queue, as staffing is) and the profile of the whole company.
create table if not exists hotline_queue_interval (
    day date not null,
    slot smallint not null check (slot between 0 and 47),
    queue_id varchar not null,
    n_offered bigint not null,
    n_ivr bigint not null,
    n_queued bigint not null,  -- asked for an agent
    n_answered bigint not null,
    n_abandoned bigint not null,
    n_short_abandoned bigint not null,  -- hung up within 5 s of joining the queue
    n_answered_20s bigint not null,
    answer_s_sum double not null,  -- queue to answer, over answered calls
    handle_s_sum double not null  -- answer to end, over answered calls
);

-- The same by segment, for the profile of a segment.
create table if not exists hotline_interval (
    day date not null,
    slot smallint not null check (slot between 0 and 47),
    queue_id varchar not null,
    segment varchar not null,
    n_offered bigint not null,
    n_ivr bigint not null,
    n_queued bigint not null,  -- asked for an agent
    n_answered bigint not null,
    n_abandoned bigint not null,
    n_short_abandoned bigint not null,  -- hung up within 5 s of joining the queue
    n_answered_20s bigint not null,
    answer_s_sum double not null,  -- queue to answer, over answered calls
    handle_s_sum double not null  -- answer to end, over answered calls
);

-- The same by caller city, for the profile of a province or city.
create table if not exists hotline_city_interval (
    day date not null,
    slot smallint not null check (slot between 0 and 47),
    province_id varchar not null,
    city_id varchar not null,
    queue_id varchar not null,
    segment varchar not null,
    n_offered bigint not null,
    n_ivr bigint not null,
    n_queued bigint not null,  -- asked for an agent
    n_answered bigint not null,
    n_abandoned bigint not null,
    n_short_abandoned bigint not null,  -- hung up within 5 s of joining the queue
    n_answered_20s bigint not null,
    answer_s_sum double not null,  -- queue to answer, over answered calls
    handle_s_sum double not null  -- answer to end, over answered calls
);
