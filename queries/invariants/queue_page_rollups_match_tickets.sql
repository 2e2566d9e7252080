-- The Queues page's base rollups hold exactly the tickets they were built from, day by day:
-- queue_hourly its counts, walk-aways and waits (and the calls within the promise agree with
-- queue_daily's, as the promise is a setting, not a number to re-type here), the lane
-- histogram every called ticket, and the counter rollup every hall-day with tickets. Their
-- copies are checked against them in copies_add_up.sql.j2.
with tickets as (
    select
        cast(issued_at as date) as day,
        count(*) as n_tickets,
        count(called_at) as n_called,
        count(*) filter (where outcome = 'walked_away') as n_walked_away,
        coalesce(sum(epoch(called_at - issued_at)), 0) as wait_s_sum,
        count(distinct branch_id) as n_halls
    from queue_ticket
    group by all
),

daily as (
    select
        day,
        sum(n_within_10min) as n_within_10min
    from queue_daily
    group by all
),

sums as (
    select
        'queue_hourly' as rollup,
        day,
        sum(n_tickets) as n_tickets,
        sum(n_called) as n_called,
        sum(n_walked_away) as n_walked_away,
        sum(n_within_10min) as n_within_10min,
        sum(wait_s_sum) as wait_s_sum
    from queue_hourly
    group by all
    -- the histogram holds called tickets only: compared on n_called
    union all
    select
        'queue_lane_wait_hist' as rollup,
        day,
        null as n_tickets,
        sum(n) as n_called,
        null as n_walked_away,
        null as n_within_10min,
        null as wait_s_sum
    from queue_lane_wait_hist
    group by all
    -- one row per hall-day: compared on tickets and halls
    union all
    select
        'queue_counter_daily' as rollup,
        day,
        sum(n_tickets) as n_tickets,
        sum(n_hall_days) as n_called,
        null as n_walked_away,
        null as n_within_10min,
        null as wait_s_sum
    from queue_counter_daily
    group by all
),

names as (
    select 'queue_hourly' as rollup
    union all
    select 'queue_lane_wait_hist' as rollup
    union all
    select 'queue_counter_daily' as rollup
),

expected as (
    select
        n.rollup,
        t.day,
        t.n_tickets,
        case
            when n.rollup = 'queue_counter_daily' then t.n_halls
            else t.n_called
        end as n_called,
        t.n_walked_away,
        d.n_within_10min,
        t.wait_s_sum
    from tickets as t
    cross join names as n
    left join daily as d on t.day = d.day
    -- a day whose tickets all walked away has no row in the wait histogram
    where not (n.rollup like '%wait_hist' and t.n_called = 0)
),

final as (
    select
        coalesce(e.rollup, s.rollup) as rollup,
        coalesce(e.day, s.day) as day,
        e.n_called as fact_count,
        s.n_called as rollup_count
    from expected as e
    full outer join sums as s on e.rollup = s.rollup and e.day = s.day
    where
        e.day is null
        or s.day is null
        or e.n_called != s.n_called
        or coalesce(s.n_tickets != e.n_tickets, false)
        or coalesce(s.n_walked_away != e.n_walked_away, false)
        or coalesce(s.n_within_10min != e.n_within_10min, false)
        or coalesce(abs(s.wait_s_sum - e.wait_s_sum) > 1e-6 * (1 + e.wait_s_sum), false)
)

select * from final
