-- A survey about a contact follows one that was finished: a ticket that was called, a call that
-- was answered, a complaint that was resolved (so each has a wait or a handling to link to).
with final as (
    select
        contact,
        day,
        wait_bucket,
        is_on_time,
        n_responses
    from survey_experience
    where
        (contact in ('ticket', 'call') and wait_bucket is null)
        or (contact = 'complaint' and is_on_time is null)
)

select * from final
