-- Rollups: additive components per day and the dimensions the global filter uses, so any
-- ratio, mean or percentile at any level is computed exactly (percentiles to the bucket).
-- Built by queries/rollups/*.sql; pages read only these tables.

create table if not exists queue_daily (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar not null,
    tier varchar not null,
    segment varchar not null,
    n_tickets bigint not null,
    n_priority bigint not null,
    n_called bigint not null,
    n_served bigint not null,
    n_walked_away bigint not null,
    n_transferred bigint not null,
    n_within_10min bigint not null,  -- called within 600 s of issue
    wait_s_sum double not null,  -- issue to call, over called tickets
    wait_s_sumsq double not null,
    n_service bigint not null,
    service_s_sum double not null,  -- start to finish at the counter
    service_s_sumsq double not null
);

-- Wait from issue to call in whole minutes; bucket 60 holds every wait of an hour or more.
create table if not exists queue_wait_hist (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar not null,
    tier varchar not null,
    segment varchar not null,
    bucket_min smallint not null,
    n bigint not null
);

create table if not exists hotline_daily (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    queue_id varchar not null,
    segment varchar not null,
    n_offered bigint not null,
    n_ivr bigint not null,
    n_queued bigint not null,
    n_answered bigint not null,
    n_abandoned bigint not null,
    n_short_abandoned bigint not null,  -- hung up within 5 s of joining the queue
    n_callback bigint not null,
    n_answered_20s bigint not null,
    answer_s_sum double not null,  -- queue to answer, over answered calls
    answer_s_sumsq double not null,
    handle_s_sum double not null,  -- answer to end, over answered calls
    handle_s_sumsq double not null,
    n_fcr_known bigint not null,
    n_fcr bigint not null,
    n_transferred bigint not null
);

create table if not exists survey_daily (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar,
    tier varchar,
    touchpoint varchar not null,
    segment varchar not null,
    brand varchar not null,
    n_responses bigint not null,
    overall_sum double not null,
    overall_sumsq double not null,
    n_overall_top bigint not null,  -- overall 8 to 10
    n_promoters bigint not null,  -- recommend 9 to 10
    n_passives bigint not null,  -- recommend 7 to 8
    n_detractors bigint not null,  -- recommend 0 to 6
    network_n bigint not null,
    network_sum double not null,
    network_sumsq double not null,
    tariff_n bigint not null,
    tariff_sum double not null,
    tariff_sumsq double not null,
    staff_n bigint not null,
    staff_sum double not null,
    staff_sumsq double not null,
    speed_n bigint not null,
    speed_sum double not null,
    speed_sumsq double not null,
    convenience_n bigint not null,
    convenience_sum double not null,
    convenience_sumsq double not null,
    billing_n bigint not null,
    billing_sum double not null,
    billing_sumsq double not null
);

-- Complaints by the day they were received. Outcomes (on time, resolved) are as of the
-- extract; a complaint still open and not yet due is undecided and left out of on-time rates.
create table if not exists complaint_daily (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar,
    tier varchar,
    channel varchar not null,
    segment varchar not null,
    brand varchar not null,
    category varchar not null,
    severity varchar not null,
    n_complaints bigint not null,
    n_escalated bigint not null,
    n_repeat bigint not null,
    n_resolved bigint not null,
    n_decided bigint not null,  -- resolved, or open past its due time
    n_ontime bigint not null,  -- resolved by its due time
    n_first_response bigint not null,
    first_response_h_sum double not null,
    first_response_h_sumsq double not null,
    resolution_h_sum double not null,
    n_return_visit bigint not null,
    n_return_satisfied bigint not null
);

-- Hours from receipt to resolution; bucket_h is the bucket's lower bound (see the rollup).
create table if not exists complaint_resolution_hist (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar,
    tier varchar,
    channel varchar not null,
    segment varchar not null,
    brand varchar not null,
    category varchar not null,
    bucket_h smallint not null,
    n bigint not null
);
