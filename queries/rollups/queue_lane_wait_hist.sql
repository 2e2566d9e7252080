-- Waits from issue to call in whole minutes (60: an hour or more) by day, hall, segment and
-- priority lane, so the priority lane's waits can be set against the regular queue's. The
-- catalogue's queue_wait_hist is this summed over lanes; its copies sum it by city and month.
-- source: queue_ticket
delete from queue_lane_wait_hist
where day between $day_from and $day_to;

insert into queue_lane_wait_hist by name
with final as (
    select
        t.day,
        t.province_id,
        t.city_id,
        t.branch_id,
        t.tier,
        t.segment,
        t.is_priority_lane,
        cast(least(floor(t.wait_s / 60), 60) as smallint) as bucket_min,
        count(*) as n
    from stg_queue_ticket as t
    where
        t.day between $day_from and $day_to
        and t.called_at is not null
    group by all
    order by t.city_id, t.branch_id, t.day
)

select * from final;
