-- Every copy of queue_wait_hist holds the same waits as the base, unit by unit and bucket by
-- bucket: by city and day, by city, segment and month, by hall and month, and by hall, segment
-- and month.
with base as (
    select
        day,
        cast(date_trunc('month', day) as date) as month,
        city_id,
        branch_id,
        segment,
        bucket_min,
        n
    from queue_wait_hist
),

expected as (
    select
        'queue_wait_hist_city' as copy,
        day,
        city_id as unit,
        bucket_min,
        sum(n) as base_n
    from base
    group by all
    union all
    select
        'queue_wait_hist_city_segment_monthly' as copy,
        month as day,
        city_id || '/' || segment as unit,
        bucket_min,
        sum(n) as base_n
    from base
    group by all
    union all
    select
        'queue_wait_hist_hall_monthly' as copy,
        month as day,
        branch_id as unit,
        bucket_min,
        sum(n) as base_n
    from base
    group by all
    union all
    select
        'queue_wait_hist_hall_segment_monthly' as copy,
        month as day,
        branch_id || '/' || segment as unit,
        bucket_min,
        sum(n) as base_n
    from base
    group by all
),

copies as (
    select
        'queue_wait_hist_city' as copy,
        day,
        city_id as unit,
        bucket_min,
        n as copy_n
    from queue_wait_hist_city
    union all
    select
        'queue_wait_hist_city_segment_monthly' as copy,
        day,
        city_id || '/' || segment as unit,
        bucket_min,
        n as copy_n
    from queue_wait_hist_city_segment_monthly
    union all
    select
        'queue_wait_hist_hall_monthly' as copy,
        day,
        branch_id as unit,
        bucket_min,
        n as copy_n
    from queue_wait_hist_hall_monthly
    union all
    select
        'queue_wait_hist_hall_segment_monthly' as copy,
        day,
        branch_id || '/' || segment as unit,
        bucket_min,
        n as copy_n
    from queue_wait_hist_hall_segment_monthly
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
