-- The city-by-day and hall-by-month copies of queue_wait_hist hold the same waits as the base.
with base as (
    select
        day,
        city_id,
        branch_id,
        bucket_min,
        n
    from queue_wait_hist
),

by_city as (
    select
        'queue_wait_hist_city' as copy,
        b.day,
        b.city_id as unit,
        b.bucket_min,
        sum(b.n) as base_n
    from base as b
    group by all
),

by_hall as (
    select
        'queue_wait_hist_hall_monthly' as copy,
        cast(date_trunc('month', b.day) as date) as day,
        b.branch_id as unit,
        b.bucket_min,
        sum(b.n) as base_n
    from base as b
    group by all
),

copies as (
    select
        'queue_wait_hist_city' as copy,
        c.day,
        c.city_id as unit,
        c.bucket_min,
        c.n as copy_n
    from queue_wait_hist_city as c
    union all
    select
        'queue_wait_hist_hall_monthly' as copy,
        m.day,
        m.branch_id as unit,
        m.bucket_min,
        m.n as copy_n
    from queue_wait_hist_hall_monthly as m
),

expected as (
    select * from by_city
    union all
    select * from by_hall
),

final as (
    select
        coalesce(e.copy, c.copy) as copy,
        coalesce(e.day, c.day) as day,
        coalesce(e.unit, c.unit) as unit,
        coalesce(e.bucket_min, c.bucket_min) as bucket_min,
        e.base_n,
        c.copy_n
    from expected as e
    full outer join copies as c
        on
            e.copy = c.copy
            and e.day = c.day
            and e.unit = c.unit
            and e.bucket_min = c.bucket_min
    where e.base_n is distinct from c.copy_n
)

select * from final
