-- Every day with facts has a calendar row (holidays and workdays are read from it).
with fact_days as (
    select distinct cast(issued_at as date) as day from queue_ticket
    union
    select distinct cast(arrived_at as date) as day from hotline_call
    union
    select distinct cast(responded_at as date) as day from survey_response
    union
    select distinct cast(received_at as date) as day from complaint
),

final as (
    select f.day
    from fact_days as f
    anti join calendar as c on f.day = c.day
)

select * from final
