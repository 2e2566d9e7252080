-- Hall-days over the wait promise all day: a hall and day on which every hour of issue with
-- called tickets had a mean wait (issue to call) above the promise (promise_s in
-- pulse/settings.toml), so the hall kept the promise in no hour of the day. Hours are summed
-- over segments and service types (the whole hall, whoever queued); an hour whose tickets all
-- walked away has no wait and does not count as open. Built from queue_hall_hourly, which is
-- rebuilt first (the rollups are built in file-name order).
-- source: queue_ticket
delete from queue_wait_days
where day between $day_from and $day_to;

insert into queue_wait_days by name
with hours as (
    select
        day,
        hour,
        province_id,
        city_id,
        branch_id,
        tier,
        sum(n_called) as n_called,
        sum(wait_s_sum) as wait_s_sum
    from queue_hall_hourly
    where day between $day_from and $day_to
    group by all
),

days as (
    select
        day,
        province_id,
        city_id,
        branch_id,
        tier,
        count(*) filter (where n_called > 0) as n_open_hours,
        -- the mean wait wait_s_sum / n_called above the promise, without a division
        count(*) filter (
            where n_called > 0 and wait_s_sum > $promise_s * n_called
        ) as n_hours_over_promise
    from hours
    group by all
),

final as (
    select
        day,
        province_id,
        city_id,
        branch_id,
        tier,
        n_open_hours,
        n_hours_over_promise,
        1 as n_days_open,
        case when n_hours_over_promise = n_open_hours then 1 else 0 end as n_days_over_promise
    from days
    where n_open_hours > 0
    order by city_id, branch_id, day
)

select * from final;
