-- A survey about a ticket comes after the ticket was issued, at that ticket's hall.
with final as (
    select
        s.response_id,
        s.branch_id,
        t.branch_id as ticket_branch_id,
        s.responded_at,
        t.issued_at
    from survey_response as s
    inner join queue_ticket as t on s.ticket_id = t.ticket_id
    where s.responded_at < t.issued_at or s.branch_id is distinct from t.branch_id
)

select * from final
