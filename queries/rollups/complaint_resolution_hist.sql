-- Hours to resolution in buckets: hourly up to 2 days, 6-hourly to 15 days, daily to 30 days,
-- source: complaint
-- and everything from 30 days on in bucket 720.
delete from complaint_resolution_hist
where day between $day_from and $day_to;

insert into complaint_resolution_hist by name
with resolved as (
    select
        m.*,
        cast(m.received_at as date) as day,
        epoch(m.resolved_at - m.received_at) / 3600 as hours
    from complaint as m
    where
        cast(m.received_at as date) between $day_from and $day_to
        and m.resolved_at is not null
),

bucketed as (
    select
        r.*,
        case
            when r.hours < 48 then floor(r.hours)
            when r.hours < 360 then 48 + floor((r.hours - 48) / 6) * 6
            when r.hours < 720 then 360 + floor((r.hours - 360) / 24) * 24
            else 720
        end as bucket_h
    from resolved as r
),

final as (
    select
        r.day,
        c.province_id,
        r.city_id,
        r.branch_id,
        b.tier,
        r.channel,
        r.segment,
        r.brand,
        k.category_id as category,
        cast(r.bucket_h as smallint) as bucket_h,
        count(*) as n
    from bucketed as r
    inner join city as c on r.city_id = c.city_id
    inner join complaint_category as k on r.subcategory_id = k.subcategory_id
    left join branch as b on r.branch_id = b.branch_id
    group by all
    order by r.day
)

select * from final;
