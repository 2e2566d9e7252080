-- Waits from issue to call in whole minutes, an hour or more in bucket 60: queue_lane_wait_hist
-- (rebuilt just before, as rollups are rebuilt in name order) summed over the lanes, with the
-- hall's number.
-- source: queue_ticket
insert into hall_number
select
    b.branch_id,
    cast(
        (select coalesce(max(n.hall_no), -1) from hall_number as n)
        + row_number() over (order by b.branch_id) as integer
    ) as hall_no
from branch as b
where b.branch_id not in (select h.branch_id from hall_number as h);

delete from queue_wait_hist
where day between $day_from and $day_to;

insert into queue_wait_hist by name
with final as (
    select
        w.day,
        w.province_id,
        w.city_id,
        w.branch_id,
        h.hall_no,
        w.tier,
        w.segment,
        w.bucket_min,
        sum(w.n) as n
    from queue_lane_wait_hist as w
    inner join hall_number as h on w.branch_id = h.branch_id
    where w.day between $day_from and $day_to
    group by all
    order by w.day
)

select * from final;
