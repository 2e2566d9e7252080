-- Latest comments at one hall: survey responses with a comment in the period, newest first.
-- Empty lists mean no restriction.
with final as (
    select
        response_id,
        responded_at,
        touchpoint,
        segment,
        score_overall,
        score_recommend,
        score_staff,
        score_speed,
        comment
    from survey_response
    where
        branch_id = $hall
        and comment is not null
        and responded_at >= $from_at
        and responded_at < $to_at
        and (len($segments) = 0 or list_contains($segments, segment))
        and (len($brands) = 0 or list_contains($brands, brand))
        and (len($channels) = 0 or list_contains($channels, touchpoint))
    order by responded_at desc
    limit $limit_rows
)

select * from final
