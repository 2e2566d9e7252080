-- Survey responses that followed one ticket, call or complaint (the other two ids are null).
with final as (
    select
        response_id,
        responded_at,
        touchpoint,
        score_overall,
        score_recommend,
        score_staff,
        score_speed,
        comment
    from survey_response
    where
        ticket_id = $ticket_id
        or call_id = $call_id
        or complaint_id = $complaint_id
    order by responded_at
)

select * from final
