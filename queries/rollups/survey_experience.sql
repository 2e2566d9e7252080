-- Scores of contact surveys by what the respondent experienced: the wait of their ticket, the
-- answer wait and resolution of their call, or the handling of their complaint.
-- source: survey_response
-- The facts are joined on their ids here, once per load, so no page ever joins 10 M surveys to
-- 100 M tickets; the small side (the surveys) is the one each join builds on.
-- The wait bands below are the x axis of the Surveys page's charts, not thresholds: the page
-- splits them at the promise (pulse/settings.toml, promise_s and service_level_s), which is a
-- band edge by default (10 min, 20 s). Score cut-offs are settings, bound as parameters.
delete from survey_experience
where day between $day_from and $day_to;

insert into survey_experience by name
with responses as (
    select s.*
    from stg_survey_response as s
    where
        s.day between $day_from and $day_to
        and (s.ticket_id is not null or s.call_id is not null or s.complaint_id is not null)
),

ticket_waits as (
    select
        r.response_id,
        epoch(t.called_at - t.issued_at) / 60 as wait_min
    from responses as r
    inner join queue_ticket as t on r.ticket_id = t.ticket_id
),

call_waits as (
    select
        r.response_id,
        epoch(h.answered_at - h.queued_at) as wait_s,
        h.is_first_contact_resolved
    from responses as r
    inner join hotline_call as h on r.call_id = h.call_id
),

handling as (
    select
        r.response_id,
        m.resolved_at <= m.due_at as is_on_time,
        coalesce(m.return_visit, 'none') as return_visit
    from responses as r
    inner join complaint as m on r.complaint_id = m.complaint_id
),

experienced as (
    select
        r.*,
        case
            when r.ticket_id is not null then 'ticket'
            when r.call_id is not null then 'call'
            else 'complaint'
        end as contact,
        case
            when tw.wait_min < 2 then 0
            when tw.wait_min < 4 then 2
            when tw.wait_min < 6 then 4
            when tw.wait_min < 8 then 6
            when tw.wait_min < 10 then 8
            when tw.wait_min < 15 then 10
            when tw.wait_min < 20 then 15
            when tw.wait_min < 30 then 20
            when tw.wait_min < 45 then 30
            when tw.wait_min < 60 then 45
            when tw.wait_min >= 60 then 60
            when cw.wait_s < 10 then 0
            when cw.wait_s < 20 then 10
            when cw.wait_s < 30 then 20
            when cw.wait_s < 45 then 30
            when cw.wait_s < 60 then 45
            when cw.wait_s < 90 then 60
            when cw.wait_s < 120 then 90
            when cw.wait_s < 180 then 120
            when cw.wait_s < 300 then 180
            when cw.wait_s < 600 then 300
            when cw.wait_s >= 600 then 600
        end as wait_bucket,
        cw.is_first_contact_resolved,
        hd.is_on_time,
        hd.return_visit
    from responses as r
    left join ticket_waits as tw on r.response_id = tw.response_id
    left join call_waits as cw on r.response_id = cw.response_id
    left join handling as hd on r.response_id = hd.response_id
),

final as (
    select
        e.day,
        e.province_id,
        e.city_id,
        e.branch_id,
        e.tier,
        e.touchpoint,
        e.segment,
        e.brand,
        e.contact,
        cast(e.wait_bucket as smallint) as wait_bucket,
        e.is_first_contact_resolved,
        e.is_on_time,
        e.return_visit,
        count(*) as n_responses,
        sum(e.score_overall) as overall_sum,
        sum(e.score_overall * e.score_overall) as overall_sumsq,
        count(*) filter (where e.score_overall >= $csat_top) as n_overall_top,
        count(*) filter (where e.score_recommend >= $promoter_min) as n_promoters,
        count(*) filter (
            where e.score_recommend > $detractor_max and e.score_recommend < $promoter_min
        ) as n_passives,
        count(*) filter (where e.score_recommend <= $detractor_max) as n_detractors,
        count(e.score_speed) as speed_n,
        coalesce(sum(e.score_speed), 0) as speed_sum,
        coalesce(sum(e.score_speed * e.score_speed), 0) as speed_sumsq,
        count(e.score_staff) as staff_n,
        coalesce(sum(e.score_staff), 0) as staff_sum,
        coalesce(sum(e.score_staff * e.score_staff), 0) as staff_sumsq
    from experienced as e
    group by all
    order by e.day
)

select * from final;
