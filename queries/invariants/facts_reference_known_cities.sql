-- Every city named by a fact or a hall exists in city.
with named as (
    select
        'hotline_call' as source,
        city_id
    from hotline_call
    union all
    select
        'complaint' as source,
        city_id
    from complaint
    union all
    select
        'survey_response' as source,
        city_id
    from survey_response
    union all
    select
        'branch' as source,
        city_id
    from branch
    union all
    select
        'customer_base' as source,
        city_id
    from customer_base
),

final as (
    select distinct
        n.source,
        n.city_id
    from named as n
    anti join city as c on n.city_id = c.city_id
)

select * from final
