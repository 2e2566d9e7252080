-- The open alert episodes (SQLite).
with final as (
    select
        alert_id,
        rule_id,
        unit,
        snoozed_until
    from alert
    where state = 'open'
)

select * from final
