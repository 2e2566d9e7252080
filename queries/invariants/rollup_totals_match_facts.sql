-- Every rollup holds exactly the facts it was built from, day by day: each fact counted once
-- per day into one column per rollup (the score histogram counts each score a response has:
-- overall, and recommend when it was asked; the backlog every open complaint, by the day it
-- was received).
with tickets as (
    select
        cast(issued_at as date) as day,
        count(*) as queue_daily,
        count(called_at) as queue_wait_hist
    from queue_ticket
    group by all
),

calls as (
    select
        cast(arrived_at as date) as day,
        count(*) as hotline_daily
    from hotline_call
    group by all
),

responses as (
    select
        cast(responded_at as date) as day,
        count(*) as survey_daily,
        count(score_overall) + count(score_recommend) as survey_score_hist,
        count(*) filter (
            where ticket_id is not null or call_id is not null or complaint_id is not null
        ) as survey_experience
    from survey_response
    group by all
),

complaints as (
    select
        cast(received_at as date) as day,
        count(*) as complaint_daily,
        count(*) as complaint_subcategory_daily,
        count(resolved_at) as complaint_resolution_hist,
        count(first_response_at) as complaint_response_hist,
        count(*) filter (where status = 'open') as complaint_backlog
    from complaint
    group by all
),

facts as (
    -- a column per rollup; the facts each leave the others' columns null, which unpivot skips
    unpivot (
        select * from tickets
        union all by name
        select * from calls
        union all by name
        select * from responses
        union all by name
        select * from complaints
    )
    on columns(* exclude (day))
    into name rollup value n
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
    union all
    select
        'survey_score_hist' as rollup,
        day,
        sum(
            n_overall_0 + n_overall_1 + n_overall_2 + n_overall_3 + n_overall_4 + n_overall_5
            + n_overall_6 + n_overall_7 + n_overall_8 + n_overall_9 + n_overall_10
            + n_recommend_0 + n_recommend_1 + n_recommend_2 + n_recommend_3 + n_recommend_4
            + n_recommend_5 + n_recommend_6 + n_recommend_7 + n_recommend_8 + n_recommend_9
            + n_recommend_10
        ) as n
    from survey_score_hist
    group by all
    union all
    select
        'survey_experience' as rollup,
        day,
        sum(n_responses) as n
    from survey_experience
    group by all
    union all
    select
        'complaint_subcategory_daily' as rollup,
        day,
        sum(n_complaints) as n
    from complaint_subcategory_daily
    group by all
    union all
    select
        'complaint_response_hist' as rollup,
        day,
        sum(n) as n
    from complaint_response_hist
    group by all
    union all
    select
        'complaint_backlog' as rollup,
        day,
        sum(n_open) as n
    from complaint_backlog
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
