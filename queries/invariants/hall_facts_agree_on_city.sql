-- A complaint or survey tied to a hall carries that hall's city.
with tied as (
    select
        'complaint' as fact,
        complaint_id as id,
        branch_id,
        city_id
    from complaint
    where branch_id is not null
    union all
    select
        'survey_response' as fact,
        cast(response_id as varchar) as id,
        branch_id,
        city_id
    from survey_response
    where branch_id is not null
),

final as (
    select
        t.fact,
        t.id,
        t.city_id,
        b.city_id as hall_city_id
    from tied as t
    inner join branch as b on t.branch_id = b.branch_id
    where t.city_id != b.city_id
)

select * from final
