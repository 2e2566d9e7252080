-- complaint_subcategory_daily by day and city, without halls: read for single days when no hall
-- is asked for.
-- source: complaint
delete from complaint_subcategory_daily_city
where
    day between $day_from
    and $day_to;

insert into complaint_subcategory_daily_city by name
with final as (
    select
        day,
        province_id,
        city_id,
        channel,
        segment,
        brand,
        category,
        subcategory_id,
        sum(n_complaints) as n_complaints,
        sum(n_escalated) as n_escalated,
        sum(n_repeat) as n_repeat,
        sum(n_decided) as n_decided,
        sum(n_ontime) as n_ontime,
        sum(n_return_visit_ontime) as n_return_visit_ontime,
        sum(n_return_satisfied_ontime) as n_return_satisfied_ontime,
        sum(n_return_visit_late) as n_return_visit_late,
        sum(n_return_satisfied_late) as n_return_satisfied_late
    from complaint_subcategory_daily
    where
        day between $day_from
        and $day_to
    group by all
    order by day
)

select * from final;
