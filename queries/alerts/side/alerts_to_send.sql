-- The alerts whose messages may be due: every open one and those closed today (SQLite).
with final as (
    select
        alert_id,
        rule_id,
        unit,
        metric_id,
        state,
        sentence_en,
        sentence_zh,
        cleared_en,
        cleared_zh,
        link,
        chart_png,
        snoozed_until
    from alert
    where state = 'open' or closed_at >= date('now')
    order by alert_id
)

select * from final
