-- Every rollup holds exactly the facts it was built from, day by day.
with facts as (
    select
        'queue_daily' as rollup,
        cast(issued_at as date) as day,
        count(*) as n
    from queue_ticket
    group by all
    union all
    select
        'queue_wait_hist' as rollup,
        cast(issued_at as date) as day,
        count(called_at) as n
    from queue_ticket
    group by all
    union all
    select
        'hotline_daily' as rollup,
        cast(arrived_at as date) as day,
        count(*) as n
    from hotline_call
    group by all
    union all
    select
        'survey_daily' as rollup,
        cast(responded_at as date) as day,
        count(*) as n
    from survey_response
    group by all
    union all
    select
        'complaint_daily' as rollup,
        cast(received_at as date) as day,
        count(*) as n
    from complaint
    group by all
    union all
    select
        'complaint_resolution_hist' as rollup,
        cast(received_at as date) as day,
        count(resolved_at) as n
    from complaint
    group by all
),

rolled as (
    select
        'queue_daily' as rollup,
        day,
        sum(n_tickets) as n
    from queue_daily
    group by all
    union all
    select
        'queue_wait_hist' as rollup,
        day,
        sum(n) as n
    from queue_wait_hist
    group by all
    union all
    select
        'hotline_daily' as rollup,
        day,
        sum(n_offered) as n
    from hotline_daily
    group by all
    union all
    select
        'survey_daily' as rollup,
        day,
        sum(n_responses) as n
    from survey_daily
    group by all
    union all
    select
        'complaint_daily' as rollup,
        day,
        sum(n_complaints) as n
    from complaint_daily
    group by all
    union all
    select
        'complaint_resolution_hist' as rollup,
        day,
        sum(n) as n
    from complaint_resolution_hist
    group by all
),

final as (
    select
        coalesce(f.rollup, r.rollup) as rollup,
        coalesce(f.day, r.day) as day,
        f.n as fact_rows,
        r.n as rollup_rows
    from facts as f
    full outer join rolled as r on f.rollup = r.rollup and f.day = r.day
    where f.n is distinct from r.n and coalesce(f.n, 0) + coalesce(r.n, 0) > 0
)

select * from final
