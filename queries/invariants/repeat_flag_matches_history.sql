-- is_repeat holds exactly when the same customer complained in the repeat_within_days days
-- before (pulse/settings.toml).
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
                and p.received_at >= c.received_at - to_days($repeat_within_days)
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
