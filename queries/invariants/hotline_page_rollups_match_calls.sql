-- The Hotline page's interval rollups hold exactly the calls they were built from, day by day:
-- offered, asked for an agent, answered, answered within 20 s, short abandons and handling.
with calls as (
    select
        cast(arrived_at as date) as day,
        count(*) as n_offered,
        count(queued_at) as n_queued,
        count(answered_at) as n_answered,
        count(*) filter (where epoch(answered_at - queued_at) <= 20) as n_answered_20s,
        count(*) filter (
            where outcome = 'abandoned' and epoch(ended_at - queued_at) < 5
        ) as n_short_abandoned,
        coalesce(sum(epoch(ended_at - answered_at)), 0) as handle_s_sum
    from hotline_call
    group by all
),

rolled as (
    select
        'hotline_queue_interval' as rollup,
        day,
        sum(n_offered) as n_offered,
        sum(n_queued) as n_queued,
        sum(n_answered) as n_answered,
        sum(n_answered_20s) as n_answered_20s,
        sum(n_short_abandoned) as n_short_abandoned,
        sum(handle_s_sum) as handle_s_sum
    from hotline_queue_interval
    group by all
    union all
    select
        'hotline_interval' as rollup,
        day,
        sum(n_offered) as n_offered,
        sum(n_queued) as n_queued,
        sum(n_answered) as n_answered,
        sum(n_answered_20s) as n_answered_20s,
        sum(n_short_abandoned) as n_short_abandoned,
        sum(handle_s_sum) as handle_s_sum
    from hotline_interval
    group by all
    union all
    select
        'hotline_city_interval' as rollup,
        day,
        sum(n_offered) as n_offered,
        sum(n_queued) as n_queued,
        sum(n_answered) as n_answered,
        sum(n_answered_20s) as n_answered_20s,
        sum(n_short_abandoned) as n_short_abandoned,
        sum(handle_s_sum) as handle_s_sum
    from hotline_city_interval
    group by all
),

rollups as (
    select 'hotline_queue_interval' as rollup
    union all
    select 'hotline_interval' as rollup
    union all
    select 'hotline_city_interval' as rollup
),

expected as (
    select
        r.rollup,
        c.*
    from calls as c
    cross join rollups as r
),

final as (
    select
        coalesce(e.rollup, r.rollup) as rollup,
        coalesce(e.day, r.day) as day,
        e.n_offered as fact_calls,
        r.n_offered as rollup_calls
    from expected as e
    full outer join rolled as r on e.rollup = r.rollup and e.day = r.day
    where
        e.day is null
        or r.day is null
        or e.n_offered != r.n_offered
        or e.n_queued != r.n_queued
        or e.n_answered != r.n_answered
        or e.n_answered_20s != r.n_answered_20s
        or e.n_short_abandoned != r.n_short_abandoned
        or abs(e.handle_s_sum - r.handle_s_sum) > 1e-6 * (1 + e.handle_s_sum)
)

select * from final
