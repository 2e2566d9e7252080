-- is_repeat holds exactly when the same customer complained in the 30 days before.
with previous as (
    select
        c.complaint_id,
        c.is_repeat,
        exists(
            select 1
            from complaint as p
            where
                p.customer_key = c.customer_key
                and p.complaint_id != c.complaint_id
                and p.received_at < c.received_at
                and p.received_at >= c.received_at - interval 30 day
        ) as has_previous
    from complaint as c
),

final as (
    select
        complaint_id,
        is_repeat,
        has_previous
    from previous
    where is_repeat != has_previous
)

select * from final
