-- The Surveys and Complaints pages' rollups hold exactly the facts they were built from, day by
-- day (the backlog: every open complaint, by the day it was received).
with facts as (
    select
        'survey_score_hist' as rollup,
        cast(responded_at as date) as day,
        2 * count(*) as n
    from survey_response
    group by all
    union all
    select
        'survey_experience' as rollup,
        cast(responded_at as date) as day,
        count(*) as n
    from survey_response
    where ticket_id is not null or call_id is not null or complaint_id is not null
    group by all
    union all
    select
        'complaint_subcategory_daily' as rollup,
        cast(received_at as date) as day,
        count(*) as n
    from complaint
    group by all
    union all
    select
        'complaint_response_hist' as rollup,
        cast(received_at as date) as day,
        count(first_response_at) as n
    from complaint
    group by all
    union all
    select
        'complaint_backlog' as rollup,
        cast(received_at as date) as day,
        count(*) as n
    from complaint
    where status = 'open'
    group by all
),

rolled as (
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
