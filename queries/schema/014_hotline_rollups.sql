-- The hotline's rollups as one catalogue rollup and its copies (pulse/metrics.toml): calls per
-- day, half hour, queue, caller city and segment hold every hotline measure once;
-- hotline_daily, hotline_monthly and the per-queue half hours are sums of it that
-- pulse.rollups builds. The hand-written half-hour tables of schema 006 go: their per-city
-- one is this rollup, the other two are rebuilt as its copies. Opening a store that already
-- holds calls fills the new, empty rollup and its copies (pulse.rollups.fill_empty).

drop table if exists hotline_city_interval;

drop table if exists hotline_interval;

drop table if exists hotline_queue_interval;

create table if not exists hotline_interval (
    day date not null,
    slot smallint not null check (slot between 0 and 47),  -- 0 = 00:00-00:30 ... 47
    province_id varchar not null,
    city_id varchar not null,
    queue_id varchar not null,
    segment varchar not null,
    n_offered bigint not null,
    n_ivr bigint not null,
    n_queued bigint not null,  -- asked for an agent
    n_answered bigint not null,
    n_abandoned bigint not null,
    n_short_abandoned bigint not null,  -- hung up within short_abandon_s of joining the queue
    n_callback bigint not null,
    n_answered_20s bigint not null,  -- answered within service_level_s (a setting)
    answer_s_sum double not null,  -- queue to answer, over answered calls
    answer_s_sumsq double not null,
    handle_s_sum double not null,  -- answer to end, over answered calls
    handle_s_sumsq double not null,
    n_fcr_known bigint not null,
    n_fcr bigint not null,
    n_transferred bigint not null
);

create table if not exists hotline_queue_interval as
select * exclude (province_id, city_id, segment) from hotline_interval
where false;

create table if not exists hotline_segment_interval as
select * exclude (province_id, city_id) from hotline_interval
where false;
