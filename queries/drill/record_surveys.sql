-- One survey response by id: every score, the comment and the contact it followed.
with final as (
    select
        response_id,
        responded_at,
        touchpoint,
        city_id,
        branch_id,
        queue_id,
        segment,
        brand,
        score_overall,
        score_recommend,
        score_network,
        score_tariff,
        score_staff,
        score_speed,
        score_convenience,
        score_billing,
        comment,
        ticket_id,
        call_id,
        complaint_id
    from survey_response
    where response_id = $record_id
)

select * from final
