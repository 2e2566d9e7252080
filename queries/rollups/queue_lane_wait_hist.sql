-- Waits from issue to call in whole minutes (60: an hour or more) by day, hall, segment and
-- priority lane, so the priority lane's waits can be set against the regular queue's. The
-- catalogue's queue_wait_hist is this summed over lanes; its copies sum it by city and month.
-- source: queue_ticket
delete from queue_lane_wait_hist
where day between $day_from and $day_to;

insert into queue_lane_wait_hist by name
with waits as (
    select
        t.branch_id,
        t.segment,
        t.is_priority_lane,
        cast(t.issued_at as date) as day,
        least(floor(epoch(t.called_at - t.issued_at) / 60), 60) as bucket_min
    from queue_ticket as t
    where
        cast(t.issued_at as date) between $day_from and $day_to
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
