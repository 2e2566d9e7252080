-- The alert rules made or changed in the app, enabled or not (SQLite, the side database).
with final as (
    select
        rule_id,
        metric_id,
        condition,
        level,
        units,
        grain,
        peers,
        audience,
        is_enabled
    from alert_rule
    order by created_at, rule_id
)

select * from final
