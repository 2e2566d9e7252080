-- A survey that names a ticket, call or complaint points at one that exists.
with final as (
    select
        s.response_id,
        s.ticket_id,
        s.call_id,
        s.complaint_id
    from survey_response as s
    left join queue_ticket as t on s.ticket_id = t.ticket_id
    left join hotline_call as h on s.call_id = h.call_id
    left join complaint as c on s.complaint_id = c.complaint_id
    where
        (s.ticket_id is not null and t.ticket_id is null)
        or (s.call_id is not null and h.call_id is null)
        or (s.complaint_id is not null and c.complaint_id is null)
)

select * from final
