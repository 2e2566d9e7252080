-- Complaints per day received, place, channel, segment, brand, category and severity.
-- source: complaint
-- as_of is the extract's date: an open complaint counts as decided (late) once it is overdue.
delete from complaint_daily
where day between $day_from and $day_to;

insert into complaint_daily by name
with final as (
    select
        m.day,
        m.province_id,
        m.city_id,
        m.branch_id,
        m.tier,
        m.channel,
        m.segment,
        m.brand,
        m.category,
        m.severity,
        count(*) as n_complaints,
        count(*) filter (where m.is_escalated) as n_escalated,
        count(*) filter (where m.is_repeat) as n_repeat,
        count(m.is_repeat) as n_repeat_known,  -- the customer, so the flag, is known
        count(m.resolved_at) as n_resolved,
        count(*) filter (
            where m.resolved_at is not null or m.due_at < cast($as_of as timestamp)
        ) as n_decided,
        count(*) filter (where m.is_on_time) as n_ontime,
        count(m.first_response_at) as n_first_response,
        coalesce(sum(m.first_response_h), 0) as first_response_h_sum,
        coalesce(sum(m.first_response_h * m.first_response_h), 0) as first_response_h_sumsq,
        coalesce(sum(m.resolution_h), 0) as resolution_h_sum,
        count(m.return_visit) as n_return_visit,
        count(*) filter (where m.return_visit = 'satisfied') as n_return_satisfied
    from stg_complaint as m
    where m.day between $day_from and $day_to
    group by all
    order by m.day
)

select * from final;
