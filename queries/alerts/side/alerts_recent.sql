-- Open alerts first, then the latest 500 closed ones, with their failed deliveries (SQLite).
with failures as (
    select
        alert_id,
        count(*) as count_failed,
        max(last_error) as last_error
    from delivery
    where state = 'failed' and alert_id is not null
    group by alert_id
),

final as (
    select
        a.alert_id,
        a.rule_id,
        a.unit,
        a.metric_id,
        a.condition,
        a.state,
        a.opened_at,
        a.opened_for,
        a.closed_at,
        a.closed_for,
        a.sentence_en,
        a.sentence_zh,
        a.cleared_en,
        a.cleared_zh,
        a.link,
        a.acked_by,
        a.acked_at,
        a.ack_note,
        a.snoozed_until,
        coalesce(f.count_failed, 0) as count_failed,
        f.last_error
    from alert as a
    left join failures as f on a.alert_id = f.alert_id
    order by a.state = 'open' desc, coalesce(a.closed_at, a.opened_at) desc, a.alert_id desc
    limit 500
)

select * from final
