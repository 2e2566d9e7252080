-- survey_score_hist by day and city, without halls: read for single days when no hall is asked for.
-- source: survey_response
delete from survey_score_hist_daily_city
where
    day between $day_from
    and $day_to;

insert into survey_score_hist_daily_city by name
with final as (
    select
        day,
        province_id,
        city_id,
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
        day between $day_from
        and $day_to
    group by all
    order by day
)

select * from final;
