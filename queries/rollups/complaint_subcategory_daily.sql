-- Complaints per day received down to the subcategory, with the return visit split by whether
-- the complaint was resolved on time.
-- source: complaint
-- as_of is the extract's date: an open complaint counts as decided (late) once it is overdue.
delete from complaint_subcategory_daily
where day between $day_from and $day_to;

insert into complaint_subcategory_daily by name
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
        m.subcategory_id,
        count(*) as n_complaints,
        count(*) filter (where m.is_escalated) as n_escalated,
        count(*) filter (where m.is_repeat) as n_repeat,
        count(m.is_repeat) as n_repeat_known,  -- the customer, so the flag, is known
        count(*) filter (
            where m.resolved_at is not null or m.due_at < cast($as_of as timestamp)
        ) as n_decided,
        count(*) filter (where m.is_on_time) as n_ontime,
        count(m.return_visit) filter (where m.is_on_time) as n_return_visit_ontime,
        count(*) filter (
            where m.is_on_time and m.return_visit = 'satisfied'
        ) as n_return_satisfied_ontime,
        count(m.return_visit) filter (where not m.is_on_time) as n_return_visit_late,
        count(*) filter (
            where not m.is_on_time and m.return_visit = 'satisfied'
        ) as n_return_satisfied_late
    from stg_complaint as m
    where m.day between $day_from and $day_to
    group by all
    order by m.day
)

select * from final;
