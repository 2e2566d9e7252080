-- The data date: the last day any fact family has data for; and the first day any has.
with days as (
    select
        min(day) as first_day,
        max(day) as last_day
    from queue_daily
    union all
    select
        min(day) as first_day,
        max(day) as last_day
    from hotline_daily
    union all
    select
        min(day) as first_day,
        max(day) as last_day
    from survey_daily
    union all
    select
        min(day) as first_day,
        max(day) as last_day
    from complaint_daily
),

final as (
    select
        max(last_day) as as_of,
        min(first_day) as first_day
    from days
)

select * from final
