-- Open complaints of one hall at the data date, overdue ones first, with their age in hours.
with opened as (
    select
        *,
        due_at < $as_of_at as is_overdue,
        epoch($as_of_at - received_at) / 3600 as age_h
    from complaint
    where
        branch_id = $hall
        and status = 'open'
),

final as (
    select
        m.complaint_id,
        m.received_at,
        m.due_at,
        m.first_response_at,
        m.channel,
        k.category_id as category,
        k.subcategory_en,
        k.subcategory_zh,
        m.severity,
        m.is_escalated,
        m.is_overdue,
        m.age_h
    from opened as m
    inner join complaint_category as k on m.subcategory_id = k.subcategory_id
    order by m.is_overdue desc, m.due_at asc
)

select * from final
