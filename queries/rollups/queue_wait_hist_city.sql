-- Waits from issue to call by city and day: queue_wait_hist without halls, tiers and segments.
-- source: queue_ticket
delete from queue_wait_hist_city
where day between $day_from and $day_to;

insert into queue_wait_hist_city by name
with final as (
    select
        day,
        province_id,
        city_id,
        bucket_min,
        sum(n) as n
    from queue_wait_hist
    where day between $day_from and $day_to
    group by all
    order by day, city_id
)

select * from final;
