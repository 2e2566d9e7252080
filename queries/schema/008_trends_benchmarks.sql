-- Coarser copies of queue_wait_hist for the Trends, Benchmarks, Drill-down and Hall pages.
-- A quantile needs its whole histogram, so a long period over many halls reads millions of
-- bucket rows from the daily, per-hall, per-segment base. These copies drop the segment:
-- by city and day (company and city trends), and by hall and month (leagues and profiles over
-- whole months; the days before and after come from the base). pulse.histograms picks the
-- smallest one that keeps every column a question needs.

create table if not exists queue_wait_hist_city (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    bucket_min smallint not null,
    n bigint not null
);

create table if not exists queue_wait_hist_hall_monthly (
    day date not null,  -- the first day of the month
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar not null,
    tier varchar not null,
    bucket_min smallint not null,
    n bigint not null
);

-- Queue tickets by tier, segment, day and hour of issue: a hall's peers (the halls of its
-- tier) hour by hour without reading every hall's hourly rows.
create table if not exists queue_tier_hourly (
    day date not null,
    tier varchar not null,
    segment varchar not null,
    hour tinyint not null check (hour between 0 and 23),
    n_tickets bigint not null,
    n_called bigint not null,
    n_walked_away bigint not null,
    n_within_10min bigint not null,
    wait_s_sum double not null
);
