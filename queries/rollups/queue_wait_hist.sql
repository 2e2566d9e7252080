-- Waits from issue to call in whole minutes, an hour or more in bucket 60.
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
with waits as (
    select
        t.branch_id,
        t.segment,
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
        h.hall_no,
        b.tier,
        w.segment,
        cast(w.bucket_min as smallint) as bucket_min,
        count(*) as n
    from waits as w
    inner join branch as b on w.branch_id = b.branch_id
    inner join city as c on b.city_id = c.city_id
    inner join hall_number as h on w.branch_id = h.branch_id
    group by all
    order by w.day
)

select * from final;
