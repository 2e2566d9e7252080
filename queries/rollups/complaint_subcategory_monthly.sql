-- complaint_subcategory_daily by month, hall by hall: read for whole months when halls are asked
-- for.
-- source: complaint
delete from complaint_subcategory_monthly
where
    day between date_trunc('month', cast($day_from as date))
    and last_day(cast($day_to as date));

insert into complaint_subcategory_monthly by name
with final as (
    select
        cast(date_trunc('month', day) as date) as day,
        province_id,
        city_id,
        branch_id,
        tier,
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
        day between date_trunc('month', cast($day_from as date))
        and last_day(cast($day_to as date))
    group by all
    order by day
)

select * from final;
