-- Hours to resolution in the buckets of the macro hours_bucket (queries/schema/019).
-- source: complaint
delete from complaint_resolution_hist
where day between $day_from and $day_to;

insert into complaint_resolution_hist by name
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
        hours_bucket(m.resolution_h) as bucket_h,
        count(*) as n
    from stg_complaint as m
    where
        m.day between $day_from and $day_to
        and m.resolved_at is not null
    group by all
    order by m.day
)

select * from final;
