-- survey_experience by month, hall by hall: read for whole months when halls are asked for.
-- source: survey_response
delete from survey_experience_monthly
where
    day between date_trunc('month', cast($day_from as date))
    and last_day(cast($day_to as date));

insert into survey_experience_monthly by name
with final as (
    select
        cast(date_trunc('month', day) as date) as day,
        province_id,
        city_id,
        branch_id,
        tier,
        touchpoint,
        segment,
        brand,
        contact,
        wait_bucket,
        is_first_contact_resolved,
        is_on_time,
        return_visit,
        sum(n_responses) as n_responses,
        sum(overall_sum) as overall_sum,
        sum(overall_sumsq) as overall_sumsq,
        sum(n_overall_top) as n_overall_top,
        sum(n_promoters) as n_promoters,
        sum(n_passives) as n_passives,
        sum(n_detractors) as n_detractors,
        sum(speed_n) as speed_n,
        sum(speed_sum) as speed_sum,
        sum(speed_sumsq) as speed_sumsq,
        sum(staff_n) as staff_n,
        sum(staff_sum) as staff_sum,
        sum(staff_sumsq) as staff_sumsq
    from survey_experience
    where
        day between date_trunc('month', cast($day_from as date))
        and last_day(cast($day_to as date))
    group by all
    order by day
)

select * from final;
