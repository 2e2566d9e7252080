-- Each coarser copy of the Surveys and Complaints rollups adds up to its rollup, month by month.
with rolled as (
    select
        'survey_score_hist' as rollup,
        cast(date_trunc('month', day) as date) as month,
        sum(n_overall_0 + n_overall_5 + n_overall_10 + n_recommend_9) as n
    from survey_score_hist
    group by all
    union all
    select
        'survey_experience' as rollup,
        cast(date_trunc('month', day) as date) as month,
        sum(n_responses) as n
    from survey_experience
    group by all
    union all
    select
        'complaint_subcategory' as rollup,
        cast(date_trunc('month', day) as date) as month,
        sum(n_complaints) as n
    from complaint_subcategory_daily
    group by all
),

copied as (
    select
        'survey_score_hist' as rollup,
        'survey_score_hist_monthly_city' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_overall_0 + n_overall_5 + n_overall_10 + n_recommend_9) as n
    from survey_score_hist_monthly_city
    group by all
    union all
    select
        'survey_score_hist' as rollup,
        'survey_score_hist_daily_city' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_overall_0 + n_overall_5 + n_overall_10 + n_recommend_9) as n
    from survey_score_hist_daily_city
    group by all
    union all
    select
        'survey_score_hist' as rollup,
        'survey_score_hist_monthly' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_overall_0 + n_overall_5 + n_overall_10 + n_recommend_9) as n
    from survey_score_hist_monthly
    group by all
    union all
    select
        'survey_experience' as rollup,
        'survey_experience_monthly_city' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_responses) as n
    from survey_experience_monthly_city
    group by all
    union all
    select
        'survey_experience' as rollup,
        'survey_experience_daily_city' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_responses) as n
    from survey_experience_daily_city
    group by all
    union all
    select
        'survey_experience' as rollup,
        'survey_experience_monthly' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_responses) as n
    from survey_experience_monthly
    group by all
    union all
    select
        'complaint_subcategory' as rollup,
        'complaint_subcategory_monthly_city' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_complaints) as n
    from complaint_subcategory_monthly_city
    group by all
    union all
    select
        'complaint_subcategory' as rollup,
        'complaint_subcategory_daily_city' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_complaints) as n
    from complaint_subcategory_daily_city
    group by all
    union all
    select
        'complaint_subcategory' as rollup,
        'complaint_subcategory_monthly' as copy,
        cast(date_trunc('month', day) as date) as month,
        sum(n_complaints) as n
    from complaint_subcategory_monthly
    group by all
),

names as (
    -- DuckDB names the columns of a values list col0, col1
    select
        col0 as rollup,
        col1 as copy
    from (
        values
        ('survey_score_hist', 'survey_score_hist_monthly_city'),
        ('survey_score_hist', 'survey_score_hist_daily_city'),
        ('survey_score_hist', 'survey_score_hist_monthly'),
        ('survey_experience', 'survey_experience_monthly_city'),
        ('survey_experience', 'survey_experience_daily_city'),
        ('survey_experience', 'survey_experience_monthly'),
        ('complaint_subcategory', 'complaint_subcategory_monthly_city'),
        ('complaint_subcategory', 'complaint_subcategory_daily_city'),
        ('complaint_subcategory', 'complaint_subcategory_monthly')
    )
),

expected as (
    select
        v.copy,
        r.month,
        r.n
    from rolled as r
    inner join names as v on r.rollup = v.rollup
),

final as (
    select
        coalesce(e.copy, c.copy) as copy,
        coalesce(e.month, c.month) as month,
        e.n as rollup_n,
        c.n as copy_n
    from expected as e
    full outer join copied as c on e.copy = c.copy and e.month = c.month
    where e.n is distinct from c.n
)

select * from final
