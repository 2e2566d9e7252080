-- Waits from issue to call by hall and month: queue_wait_hist without segments, whole months
-- (a load that touches some days of a month rebuilds that month from the daily rollup).
-- source: queue_ticket
delete from queue_wait_hist_hall_monthly
where day between date_trunc('month', cast($day_from as date)) and $day_to;

insert into queue_wait_hist_hall_monthly by name
with final as (
    select
        province_id,
        city_id,
        branch_id,
        tier,
        bucket_min,
        cast(date_trunc('month', day) as date) as day,
        sum(n) as n
    from queue_wait_hist
    where
        day between date_trunc('month', cast($day_from as date))
        and last_day(cast($day_to as date))
    group by all
    order by day, city_id, branch_id
)

select * from final;
