-- Responses per overall and per recommend score, by day, place, touchpoint, segment and brand.
-- source: survey_response
delete from survey_score_hist
where day between $day_from and $day_to;

insert into survey_score_hist by name
with final as (
    select
        s.day,
        s.province_id,
        s.city_id,
        s.branch_id,
        s.tier,
        s.touchpoint,
        s.segment,
        s.brand,
        count(*) filter (where s.score_overall = 0) as n_overall_0,
        count(*) filter (where s.score_overall = 1) as n_overall_1,
        count(*) filter (where s.score_overall = 2) as n_overall_2,
        count(*) filter (where s.score_overall = 3) as n_overall_3,
        count(*) filter (where s.score_overall = 4) as n_overall_4,
        count(*) filter (where s.score_overall = 5) as n_overall_5,
        count(*) filter (where s.score_overall = 6) as n_overall_6,
        count(*) filter (where s.score_overall = 7) as n_overall_7,
        count(*) filter (where s.score_overall = 8) as n_overall_8,
        count(*) filter (where s.score_overall = 9) as n_overall_9,
        count(*) filter (where s.score_overall = 10) as n_overall_10,
        count(*) filter (where s.score_recommend = 0) as n_recommend_0,
        count(*) filter (where s.score_recommend = 1) as n_recommend_1,
        count(*) filter (where s.score_recommend = 2) as n_recommend_2,
        count(*) filter (where s.score_recommend = 3) as n_recommend_3,
        count(*) filter (where s.score_recommend = 4) as n_recommend_4,
        count(*) filter (where s.score_recommend = 5) as n_recommend_5,
        count(*) filter (where s.score_recommend = 6) as n_recommend_6,
        count(*) filter (where s.score_recommend = 7) as n_recommend_7,
        count(*) filter (where s.score_recommend = 8) as n_recommend_8,
        count(*) filter (where s.score_recommend = 9) as n_recommend_9,
        count(*) filter (where s.score_recommend = 10) as n_recommend_10
    from stg_survey_response as s
    where s.day between $day_from and $day_to
    group by all
    order by s.day
)

select * from final;
