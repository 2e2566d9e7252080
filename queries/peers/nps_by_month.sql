-- NPS per month for one hall.
with final as (
    select
        cast(date_trunc('month', s.responded_at) as date) as month_start,
        100.0 * (
            count(*) filter (where s.score_recommend >= $promoter_min)
            - count(*) filter (where s.score_recommend <= $detractor_max)
        ) / count(*) as nps,
        count(*) as n_responses
    from survey_response as s
    where
        s.responded_at >= $cur_from
        and s.responded_at < $cur_end
        and s.branch_id = $hall
    group by cast(date_trunc('month', s.responded_at) as date)
)

select * from final
order by month_start
