-- One queue ticket by id, with its hall and the waits it went through.
with ticket as (
    select *
    from queue_ticket
    where ticket_id = $record_id
),

final as (
    select
        t.ticket_id,
        t.branch_id,
        b.name_en as hall_en,
        b.name_zh as hall_zh,
        b.city_id,
        b.tier,
        t.issued_at,
        t.called_at,
        t.served_at,
        t.finished_at,
        epoch(t.called_at - t.issued_at) as wait_s,
        epoch(t.finished_at - t.served_at) as service_s,
        t.service_type,
        t.segment,
        t.is_priority_lane,
        t.outcome
    from ticket as t
    inner join branch as b on t.branch_id = b.branch_id
)

select * from final
