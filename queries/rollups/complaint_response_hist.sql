-- Hours from receipt to the first response in the buckets of complaint_resolution_hist: hourly
-- up to 2 days, 6-hourly to 15 days, daily to 30 days, and 30 days or more in bucket 720.
-- source: complaint
delete from complaint_response_hist
where day between $day_from and $day_to;

insert into complaint_response_hist by name
with responded as (
    select
        m.*,
        cast(m.received_at as date) as day,
        epoch(m.first_response_at - m.received_at) / 3600 as hours
    from complaint as m
    where
        cast(m.received_at as date) between $day_from and $day_to
        and m.first_response_at is not null
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
    from responded as r
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
