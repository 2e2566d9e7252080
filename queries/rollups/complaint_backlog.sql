-- Complaints still open at the end of the extract, by age, deadline and place: a snapshot, so
-- every load rebuilds it whole whatever days it touched. is_due_24h: due within the setting
-- due_soon_h (24 h unless a deployment changes it; the column keeps its first name).
-- source: complaint
delete from complaint_backlog;

insert into complaint_backlog by name
with open_complaints as (
    select
        m.*,
        cast($as_of as timestamp) as as_of,
        epoch(cast($as_of as timestamp) - m.received_at) / 86400 as age_d
    from stg_complaint as m
    where m.status = 'open'
),

final as (
    select
        o.as_of,
        o.day,
        o.province_id,
        o.city_id,
        o.branch_id,
        o.tier,
        o.channel,
        o.segment,
        o.brand,
        o.category,
        o.severity,
        cast(case
            when o.age_d < 3 then 0
            when o.age_d < 6 then 3
            when o.age_d < 11 then 6
            when o.age_d < 16 then 11
            when o.age_d < 31 then 16
            else 31
        end as smallint) as age_bucket_d,
        o.due_at < o.as_of as is_overdue,
        o.due_at >= o.as_of and o.due_at < o.as_of + to_hours($due_soon_h) as is_due_24h,
        count(*) as n_open
    from open_complaints as o
    group by all
    order by o.day
)

select * from final;
