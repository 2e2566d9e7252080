-- The data date: the last day any fact family has data for.
with last_days as (
    select max(day) as day from queue_daily
    union all
    select max(day) as day from hotline_daily
    union all
    select max(day) as day from survey_daily
    union all
    select max(day) as day from complaint_daily
),

final as (
    select max(day) as as_of
    from last_days
)

select * from final
