-- One customer's complaints in a window around a complaint: what came before (a repeat looks
-- back repeat_within_days, pulse/settings.toml) and what followed, oldest first.
with own as (
    select *
    from complaint
    where
        customer_key = $customer_key
        and received_at >= $from_at
        and received_at < $to_at
),

final as (
    select
        m.complaint_id,
        m.received_at,
        m.channel,
        m.city_id,
        m.branch_id,
        k.category_id as category,
        m.subcategory_id,
        m.severity,
        m.status,
        m.due_at,
        m.first_response_at,
        m.resolved_at,
        m.resolved_at <= m.due_at as is_on_time,
        m.is_escalated,
        m.is_repeat,
        m.return_visit
    from own as m
    inner join complaint_category as k on m.subcategory_id = k.subcategory_id
)

select * from final
order by received_at asc, complaint_id asc
