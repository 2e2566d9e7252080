-- Queue snapshots per day, hour of day and hall: the hall-minutes with their people waiting
-- and counters open, and the queue system's wait estimates against the promise (promise_s in
-- pulse/settings.toml). A hall-wide row (service type 'all', schema 025) stands for its hall
-- and minute: the same minute's per-type rows are then left out, so that no one is counted
-- twice. Otherwise a hall-minute sums its per-type rows.
-- source: queue_snapshot
delete from queue_snapshot_hourly
where day between $day_from and $day_to;

insert into queue_snapshot_hourly by name
with snapshots as (
    select
        s.branch_id,
        s.snapshot_at,
        s.count_waiting,
        s.counters_open,
        cast(s.expected_wait_s as double) as expected_wait_s,
        s.service_type = 'all'
        or max(case when s.service_type = 'all' then 1 else 0 end)
            over (partition by s.branch_id, s.snapshot_at)
        = 0 as is_counted
    from queue_snapshot as s
    -- a bare range on the timestamp, so that the table's zone maps skip other days
    where
        s.snapshot_at >= cast($day_from as timestamp)
        and s.snapshot_at < cast($day_to as timestamp) + interval 1 day
),

minutes as (
    select
        branch_id,
        snapshot_at,
        count(*) as n_rows,
        sum(count_waiting) filter (where is_counted) as count_waiting,
        sum(counters_open) filter (where is_counted) as counters_open,
        count(expected_wait_s) filter (where is_counted) as n_estimates,
        sum(expected_wait_s) filter (where is_counted) as expected_wait_s_sum,
        sum(expected_wait_s * expected_wait_s) filter (
            where is_counted
        ) as expected_wait_s_sumsq,
        count(*) filter (where is_counted and expected_wait_s > $promise_s) as n_over_promise
    from snapshots
    group by branch_id, snapshot_at
),

final as (
    select
        cast(m.snapshot_at as date) as day,
        cast(hour(m.snapshot_at) as tinyint) as hour,
        c.province_id,
        b.city_id,
        m.branch_id,
        b.tier,
        sum(m.n_rows) as n_rows,
        count(*) as n_minutes,
        sum(m.count_waiting) as waiting_sum,
        sum(m.count_waiting * m.count_waiting) as waiting_sumsq,
        sum(m.counters_open) as counters_sum,
        sum(m.counters_open * m.counters_open) as counters_sumsq,
        sum(m.n_estimates) as n_estimates,
        coalesce(sum(m.expected_wait_s_sum), 0) as expected_wait_s_sum,
        coalesce(sum(m.expected_wait_s_sumsq), 0) as expected_wait_s_sumsq,
        sum(m.n_over_promise) as n_over_promise
    from minutes as m
    inner join branch as b on m.branch_id = b.branch_id
    inner join city as c on b.city_id = c.city_id
    group by all
    order by b.city_id, m.branch_id, day
)

select * from final;
