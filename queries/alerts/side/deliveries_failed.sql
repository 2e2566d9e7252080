-- Deliveries that failed after every retry, or were left sending (the outcome unknown),
-- newest first (SQLite).
with final as (
    select
        delivery_key,
        alert_id,
        subscription_id,
        what,
        recipient,
        channel,
        state,
        attempts,
        last_error,
        created_at
    from delivery
    where state in ('failed', 'sending')
    order by created_at desc, delivery_id desc
    limit 200
)

select * from final
