-- Waits from issue to call in whole minutes (60: an hour or more) by month (its first day in
-- day), hall, segment and priority lane; a load rebuilds the whole months it touches.
-- source: queue_ticket
delete from queue_hall_lane_wait_monthly
where day between date_trunc('month', cast($day_from as date)) and last_day(cast($day_to as date));

insert into queue_hall_lane_wait_monthly by name
with waits as (
    select
        t.branch_id,
        t.segment,
        t.is_priority_lane,
        cast(date_trunc('month', t.issued_at) as date) as day,
        least(floor(epoch(t.called_at - t.issued_at) / 60), 60) as bucket_min
    from queue_ticket as t
    where
        t.issued_at >= date_trunc('month', cast($day_from as date))
        and cast(t.issued_at as date) <= last_day(cast($day_to as date))
        and t.called_at is not null
),

final as (
    select
        w.day,
        c.province_id,
        b.city_id,
        w.branch_id,
        b.tier,
        w.segment,
        w.is_priority_lane,
        cast(w.bucket_min as smallint) as bucket_min,
        count(*) as n
    from waits as w
    inner join branch as b on w.branch_id = b.branch_id
    inner join city as c on b.city_id = c.city_id
    group by all
    order by b.city_id, w.branch_id, w.day
)

select * from final;
