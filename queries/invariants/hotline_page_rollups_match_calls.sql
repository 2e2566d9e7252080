-- The hotline's half-hour rollup and its per-queue copies hold exactly the calls they were
-- built from, day by day: offered, asked for an agent, answered, abandoned, waited and
-- handling time.
-- The counts that follow a setting (answered within the service-level time, short abandons)
-- are the rollup's in every copy, and never more than the answered or abandoned calls.
with calls as (
    select
        cast(arrived_at as date) as day,
        count(*) as n_offered,
        count(queued_at) as n_queued,
        count(answered_at) as n_answered,
        count(*) filter (where outcome = 'abandoned') as n_abandoned,
        count(*) filter (
            where outcome = 'abandoned' or answered_at > queued_at
        ) as n_waited,
        coalesce(sum(epoch(ended_at - answered_at)), 0) as handle_s_sum
    from hotline_call
    group by all
),

copies as (
    select
        'hotline_interval' as rollup,
        *
    from hotline_interval
    union all by name
    select
        'hotline_queue_interval' as rollup,
        *
    from hotline_queue_interval
    union all by name
    select
        'hotline_segment_interval' as rollup,
        *
    from hotline_segment_interval
),

rolled as (
    select
        rollup,
        day,
        sum(n_offered) as n_offered,
        sum(n_queued) as n_queued,
        sum(n_answered) as n_answered,
        sum(n_abandoned) as n_abandoned,
        sum(n_waited) as n_waited,
        sum(handle_s_sum) as handle_s_sum,
        sum(n_answered_20s) as n_answered_20s,
        sum(n_short_abandoned) as n_short_abandoned
    from copies
    group by all
),

base as (
    select * from rolled
    where rollup = 'hotline_interval'
),

rollups as (
    select 'hotline_interval' as rollup
    union all
    select 'hotline_queue_interval' as rollup
    union all
    select 'hotline_segment_interval' as rollup
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
    left join base as b on r.day = b.day
    where
        e.day is null
        or r.day is null
        or e.n_offered != r.n_offered
        or e.n_queued != r.n_queued
        or e.n_answered != r.n_answered
        or e.n_abandoned != r.n_abandoned
        or e.n_waited != r.n_waited
        or abs(e.handle_s_sum - r.handle_s_sum) > 1e-6 * (1 + e.handle_s_sum)
        or r.n_answered_20s > r.n_answered
        or r.n_short_abandoned > r.n_abandoned
        or r.n_answered_20s is distinct from b.n_answered_20s
        or r.n_short_abandoned is distinct from b.n_short_abandoned
)

select * from final
