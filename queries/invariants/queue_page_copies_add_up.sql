-- Each copy of the Queues page's rollups adds up to its base, month by month: the copies of
-- queue_hourly in tickets, calls within the promise and waits, those of queue_lane_wait_hist
-- (queue_wait_hist among them, summed over lanes) in waits and minutes waited.
with bases as (
    select
        'queue_hourly' as base,
        cast(date_trunc('month', day) as date) as month,
        sum(n_tickets) as n,
        sum(n_within_10min) as n_within,
        sum(wait_s_sum) as total
    from queue_hourly
    group by all
    union all
    select
        'queue_lane_wait_hist' as base,
        cast(date_trunc('month', day) as date) as month,
        sum(n) as n,
        null as n_within,
        sum(n * bucket_min) as total
    from queue_lane_wait_hist
    group by all
),

copied as (
    select
        'queue_city_hourly' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_tickets) as n,
        sum(n_within_10min) as n_within,
        sum(wait_s_sum) as total
    from queue_city_hourly
    group by all
    union all
    select
        'queue_hall_hourly' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_tickets) as n,
        sum(n_within_10min) as n_within,
        sum(wait_s_sum) as total
    from queue_hall_hourly
    group by all
    union all
    select
        'queue_city_service_daily' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_tickets) as n,
        sum(n_within_10min) as n_within,
        sum(wait_s_sum) as total
    from queue_city_service_daily
    group by all
    union all
    select
        'queue_hall_service_daily' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_tickets) as n,
        sum(n_within_10min) as n_within,
        sum(wait_s_sum) as total
    from queue_hall_service_daily
    group by all
    union all
    select
        'queue_lane_wait_hist_city_monthly' as copy,
        day as month,
        sum(n) as n,
        null as n_within,
        sum(n * bucket_min) as total
    from queue_lane_wait_hist_city_monthly
    group by all
    union all
    select
        'queue_lane_wait_hist_city' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n) as n,
        null as n_within,
        sum(n * bucket_min) as total
    from queue_lane_wait_hist_city
    group by all
    union all
    select
        'queue_lane_wait_hist_monthly' as copy,
        day as month,
        sum(n) as n,
        null as n_within,
        sum(n * bucket_min) as total
    from queue_lane_wait_hist_monthly
    group by all
    union all
    select
        'queue_wait_hist' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n) as n,
        null as n_within,
        sum(n * bucket_min) as total
    from queue_wait_hist
    group by all
),

names as (
    -- DuckDB names the columns of a values list col0, col1
    select
        col0 as base,
        col1 as copy
    from (
        values
        ('queue_hourly', 'queue_city_hourly'),
        ('queue_hourly', 'queue_hall_hourly'),
        ('queue_hourly', 'queue_city_service_daily'),
        ('queue_hourly', 'queue_hall_service_daily'),
        ('queue_lane_wait_hist', 'queue_lane_wait_hist_city_monthly'),
        ('queue_lane_wait_hist', 'queue_lane_wait_hist_city'),
        ('queue_lane_wait_hist', 'queue_lane_wait_hist_monthly'),
        ('queue_lane_wait_hist', 'queue_wait_hist')
    )
),

expected as (
    select
        v.copy,
        b.month,
        b.n,
        b.n_within,
        b.total
    from bases as b
    inner join names as v on b.base = v.base
),

final as (
    select
        coalesce(e.copy, c.copy) as copy,
        coalesce(e.month, c.month) as month,
        e.n as base_n,
        c.n as copy_n
    from expected as e
    full outer join copied as c on e.copy = c.copy and e.month = c.month
    where
        e.n is distinct from c.n
        or e.n_within is distinct from c.n_within
        or abs(e.total - c.total) > 1e-6 * (1 + e.total)
)

select * from final
