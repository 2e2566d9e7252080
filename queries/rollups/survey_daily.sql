-- Survey responses per day, place, touchpoint, segment and brand: counts, sums and squares.
-- source: survey_response
delete from survey_daily
where day between $day_from and $day_to;

insert into survey_daily by name
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
        count(*) as n_responses,
        sum(s.score_overall) as overall_sum,
        sum(s.score_overall * s.score_overall) as overall_sumsq,
        count(*) filter (where s.score_overall >= $csat_top) as n_overall_top,
        count(*) filter (where s.score_recommend >= $promoter_min) as n_promoters,
        count(*) filter (
            where s.score_recommend > $detractor_max and s.score_recommend < $promoter_min
        ) as n_passives,
        count(*) filter (where s.score_recommend <= $detractor_max) as n_detractors,
        count(s.score_network) as network_n,
        coalesce(sum(s.score_network), 0) as network_sum,
        coalesce(sum(s.score_network * s.score_network), 0) as network_sumsq,
        count(s.score_tariff) as tariff_n,
        coalesce(sum(s.score_tariff), 0) as tariff_sum,
        coalesce(sum(s.score_tariff * s.score_tariff), 0) as tariff_sumsq,
        count(s.score_staff) as staff_n,
        coalesce(sum(s.score_staff), 0) as staff_sum,
        coalesce(sum(s.score_staff * s.score_staff), 0) as staff_sumsq,
        count(s.score_speed) as speed_n,
        coalesce(sum(s.score_speed), 0) as speed_sum,
        coalesce(sum(s.score_speed * s.score_speed), 0) as speed_sumsq,
        count(s.score_convenience) as convenience_n,
        coalesce(sum(s.score_convenience), 0) as convenience_sum,
        coalesce(sum(s.score_convenience * s.score_convenience), 0) as convenience_sumsq,
        count(s.score_billing) as billing_n,
        coalesce(sum(s.score_billing), 0) as billing_sum,
        coalesce(sum(s.score_billing * s.score_billing), 0) as billing_sumsq
    from stg_survey_response as s
    where s.day between $day_from and $day_to
    group by all
    order by s.day
)

select * from final;
