-- survey_score_hist by month, hall by hall: read for whole months when halls are asked for.
-- source: survey_response
delete from survey_score_hist_monthly
where
    day between date_trunc('month', cast($day_from as date))
    and last_day(cast($day_to as date));

insert into survey_score_hist_monthly by name
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
        sum(n_overall_0) as n_overall_0,
        sum(n_overall_1) as n_overall_1,
        sum(n_overall_2) as n_overall_2,
        sum(n_overall_3) as n_overall_3,
        sum(n_overall_4) as n_overall_4,
        sum(n_overall_5) as n_overall_5,
        sum(n_overall_6) as n_overall_6,
        sum(n_overall_7) as n_overall_7,
        sum(n_overall_8) as n_overall_8,
        sum(n_overall_9) as n_overall_9,
        sum(n_overall_10) as n_overall_10,
        sum(n_recommend_0) as n_recommend_0,
        sum(n_recommend_1) as n_recommend_1,
        sum(n_recommend_2) as n_recommend_2,
        sum(n_recommend_3) as n_recommend_3,
        sum(n_recommend_4) as n_recommend_4,
        sum(n_recommend_5) as n_recommend_5,
        sum(n_recommend_6) as n_recommend_6,
        sum(n_recommend_7) as n_recommend_7,
        sum(n_recommend_8) as n_recommend_8,
        sum(n_recommend_9) as n_recommend_9,
        sum(n_recommend_10) as n_recommend_10
    from survey_score_hist
    where
        day between date_trunc('month', cast($day_from as date))
        and last_day(cast($day_to as date))
    group by all
    order by day
)

select * from final;
