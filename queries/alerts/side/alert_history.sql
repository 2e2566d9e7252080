-- One alert's history, oldest first (SQLite).
with final as (
    select
        logged_at,
        action,
        by_user,
        note
    from alert_log
    where alert_id = $alert_id
    order by log_id
)

select * from final
