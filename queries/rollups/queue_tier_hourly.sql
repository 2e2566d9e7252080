-- Queue tickets by tier, segment, day and hour of issue, summed from queue_hall_hourly.
-- source: queue_ticket
delete from queue_tier_hourly
where day between $day_from and $day_to;

insert into queue_tier_hourly by name
with final as (
    select
        day,
        tier,
        segment,
        hour,
        sum(n_tickets) as n_tickets,
        sum(n_called) as n_called,
        sum(n_walked_away) as n_walked_away,
        sum(n_within_10min) as n_within_10min,
        sum(wait_s_sum) as wait_s_sum
    from queue_hall_hourly
    where day between $day_from and $day_to
    group by all
    order by day
)

select * from final;
