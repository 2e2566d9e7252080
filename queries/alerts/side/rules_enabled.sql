-- The enabled alert rules made in the app (SQLite, the side database).
with final as (
    select
        rule_id,
        metric_id,
        condition,
        level,
        units,
        grain,
        peers
    from alert_rule
    where is_enabled = 1
    order by created_at, rule_id
)

select * from final
