-- One hotline call by id, with the time it waited for an agent and how it ended.
with final as (
    select
        call_id,
        queue_id,
        city_id,
        segment,
        arrived_at,
        queued_at,
        answered_at,
        ended_at,
        epoch(answered_at - queued_at) as answer_s,
        epoch(ended_at - answered_at) as handle_s,
        outcome,
        is_first_contact_resolved,
        is_transferred
    from hotline_call
    where call_id = $record_id
)

select * from final
