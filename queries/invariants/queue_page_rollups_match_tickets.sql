-- The Queues page's rollups hold exactly the tickets they were built from, day by day: the
-- hall and city grains alike, counts, walk-aways, calls within 10 minutes and waits; the wait
-- histograms hold every called ticket (the monthly one month by month), and the counter rollup
-- every hall-day with tickets.
with tickets as (
    select
        cast(issued_at as date) as day,
        count(*) as n_tickets,
        count(called_at) as n_called,
        count(*) filter (where outcome = 'walked_away') as n_walked_away,
        count(*) filter (where epoch(called_at - issued_at) <= 600) as n_within_10min,
        coalesce(sum(epoch(called_at - issued_at)), 0) as wait_s_sum,
        count(distinct branch_id) as n_halls
    from queue_ticket
    group by all
),

sums as (
    select
        'queue_hall_hourly' as rollup,
        day,
        sum(n_tickets) as n_tickets,
        sum(n_called) as n_called,
        sum(n_walked_away) as n_walked_away,
        sum(n_within_10min) as n_within_10min,
        sum(wait_s_sum) as wait_s_sum
    from queue_hall_hourly
    group by all
    union all
    select
        'queue_city_hourly' as rollup,
        day,
        sum(n_tickets) as n_tickets,
        sum(n_called) as n_called,
        sum(n_walked_away) as n_walked_away,
        sum(n_within_10min) as n_within_10min,
        sum(wait_s_sum) as wait_s_sum
    from queue_city_hourly
    group by all
    union all
    select
        'queue_hall_service_daily' as rollup,
        day,
        sum(n_tickets) as n_tickets,
        sum(n_called) as n_called,
        sum(n_walked_away) as n_walked_away,
        sum(n_within_10min) as n_within_10min,
        sum(wait_s_sum) as wait_s_sum
    from queue_hall_service_daily
    group by all
    union all
    select
        'queue_city_service_daily' as rollup,
        day,
        sum(n_tickets) as n_tickets,
        sum(n_called) as n_called,
        sum(n_walked_away) as n_walked_away,
        sum(n_within_10min) as n_within_10min,
        sum(wait_s_sum) as wait_s_sum
    from queue_city_service_daily
    group by all
    -- the histograms hold called tickets only: compared on n_called
    union all
    select
        'queue_hall_lane_wait_hist' as rollup,
        day,
        null as n_tickets,
        sum(n) as n_called,
        null as n_walked_away,
        null as n_within_10min,
        null as wait_s_sum
    from queue_hall_lane_wait_hist
    group by all
    union all
    select
        'queue_city_lane_wait_hist' as rollup,
        day,
        null as n_tickets,
        sum(n) as n_called,
        null as n_walked_away,
        null as n_within_10min,
        null as wait_s_sum
    from queue_city_lane_wait_hist
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
    select 'queue_hall_hourly' as rollup
    union all
    select 'queue_city_hourly' as rollup
    union all
    select 'queue_hall_service_daily' as rollup
    union all
    select 'queue_city_service_daily' as rollup
    union all
    select 'queue_hall_lane_wait_hist' as rollup
    union all
    select 'queue_city_lane_wait_hist' as rollup
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
        t.n_within_10min,
        t.wait_s_sum
    from tickets as t
    cross join names as n
    -- a day whose tickets all walked away has no row in the wait histograms
    where not (n.rollup like '%wait_hist' and t.n_called = 0)
),

months as (
    select
        cast(date_trunc('month', day) as date) as day,
        sum(n_called) as n_called
    from tickets
    group by all
),

monthly as (
    select
        'queue_hall_lane_wait_monthly' as rollup,
        day,
        sum(n) as n_called
    from queue_hall_lane_wait_monthly
    group by all
    union all
    select
        'queue_hall_wait_monthly' as rollup,
        day,
        sum(n) as n_called
    from queue_hall_wait_monthly
    group by all
),

monthly_names as (
    select 'queue_hall_lane_wait_monthly' as rollup
    union all
    select 'queue_hall_wait_monthly' as rollup
),

expected_months as (
    select
        n.rollup,
        m.day,
        m.n_called
    from months as m
    cross join monthly_names as n
    where m.n_called > 0
),

final as (
    select
        coalesce(m.rollup, h.rollup) as rollup,
        coalesce(m.day, h.day) as day,
        m.n_called as fact_count,
        h.n_called as rollup_count
    from expected_months as m
    full outer join monthly as h on m.rollup = h.rollup and m.day = h.day
    where m.n_called is distinct from h.n_called
    union all
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
