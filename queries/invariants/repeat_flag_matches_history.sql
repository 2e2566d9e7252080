-- is_repeat holds exactly when the same customer complained in the repeat_within_days days
-- before (pulse/settings.toml). Only complaints with a customer key are judged: without one
-- the flag is unknown (repeat_flag_known_with_customer).
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
    where c.customer_key is not null
),

final as (
    select
        complaint_id,
        is_repeat,
        has_previous
    from previous
    where is_repeat is distinct from has_previous
)

select * from final
