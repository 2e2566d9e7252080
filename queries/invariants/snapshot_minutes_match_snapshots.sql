-- Every hall and hour of queue_snapshot_hourly agrees with the snapshots themselves, each
-- hall-minute counted once: a hall-wide row (service type 'all') stands for its hall and
-- minute, else the minute's per-type rows are summed; never both. Recomputed here with a join
-- instead of the rollup's window, and every snapshot row is counted in n_rows.
with hall_wide as (
    select
        branch_id,
        snapshot_at,
        count_waiting,
        counters_open,
        expected_wait_s
    from queue_snapshot
    where service_type = 'all'
),

per_type as (
    select
        branch_id,
        snapshot_at,
        sum(count_waiting) as count_waiting,
        sum(counters_open) as counters_open,
        count(expected_wait_s) as n_estimates
    from queue_snapshot
    where service_type != 'all'
    group by all
),

minutes as (
    select
        coalesce(h.branch_id, p.branch_id) as branch_id,
        coalesce(h.snapshot_at, p.snapshot_at) as snapshot_at,
        case
            when h.branch_id is null then p.count_waiting else h.count_waiting
        end as count_waiting,
        case
            when h.branch_id is null then p.counters_open else h.counters_open
        end as counters_open,
        case
            when h.branch_id is null then p.n_estimates
            else cast(h.expected_wait_s is not null as int)
        end as n_estimates
    from hall_wide as h
    full outer join per_type as p
        on h.branch_id = p.branch_id and h.snapshot_at = p.snapshot_at
),

rows_in as (
    select
        branch_id,
        cast(snapshot_at as date) as day,
        hour(snapshot_at) as hour,
        count(*) as n_rows
    from queue_snapshot
    group by all
),

expected as (
    select
        m.branch_id,
        cast(m.snapshot_at as date) as day,
        hour(m.snapshot_at) as hour,
        count(*) as n_minutes,
        sum(m.count_waiting) as waiting_sum,
        sum(m.counters_open) as counters_sum,
        sum(m.n_estimates) as n_estimates
    from minutes as m
    group by all
),

final as (
    select
        coalesce(e.day, r.day) as day,
        coalesce(e.hour, r.hour) as hour,
        coalesce(e.branch_id, r.branch_id) as branch_id,
        e.n_minutes as expected_minutes,
        r.n_minutes as rollup_minutes,
        e.waiting_sum as expected_waiting_sum,
        r.waiting_sum as rollup_waiting_sum
    from expected as e
    inner join rows_in as i
        on e.branch_id = i.branch_id and e.day = i.day and e.hour = i.hour
    full outer join queue_snapshot_hourly as r
        on e.day = r.day and e.hour = r.hour and e.branch_id = r.branch_id
    where
        e.day is null
        or r.day is null
        or e.n_minutes != r.n_minutes
        or i.n_rows != r.n_rows
        or e.waiting_sum != r.waiting_sum
        or e.counters_sum != r.counters_sum
        or e.n_estimates != r.n_estimates
)

select * from final
