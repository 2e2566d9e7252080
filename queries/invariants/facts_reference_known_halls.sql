-- Every hall named by a fact exists in branch.
with named as (
    select
        'queue_ticket' as fact,
        branch_id
    from queue_ticket
    union all
    select
        'complaint' as fact,
        branch_id
    from complaint
    where branch_id is not null
    union all
    select
        'survey_response' as fact,
        branch_id
    from survey_response
    where branch_id is not null
    union all
    select
        'queue_snapshot' as fact,
        branch_id
    from queue_snapshot
),

final as (
    select distinct
        n.fact,
        n.branch_id
    from named as n
    anti join branch as b on n.branch_id = b.branch_id
)

select * from final
