-- One complaint by id with its category, timeline and outcome.
with wanted as (
    select *
    from complaint
    where complaint_id = $record_id
),

final as (
    select
        m.complaint_id,
        m.received_at,
        m.channel,
        m.city_id,
        m.branch_id,
        m.segment,
        m.brand,
        k.category_id as category,
        k.category_en,
        k.category_zh,
        k.subcategory_en,
        k.subcategory_zh,
        m.severity,
        m.is_escalated,
        m.due_at,
        m.first_response_at,
        m.resolved_at,
        m.resolved_at <= m.due_at as is_on_time,
        m.status,
        m.is_repeat,
        m.return_visit
    from wanted as m
    inner join complaint_category as k on m.subcategory_id = k.subcategory_id
)

select * from final
