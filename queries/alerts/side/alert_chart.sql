-- An alert's chart (SQLite).
with final as (
    select chart_png
    from alert
    where alert_id = $alert_id
)

select * from final
