-- queue hall hours: one hall's tickets, waits and service time per day and hour of issue, with
-- the day's type (workday, or weekend and holiday), for counter planning.
with hourly as (
    select
        h.day,
        h.hour,
        sum(h.n_tickets) as n_tickets,
        sum(h.n_called) as n_called,
        sum(h.n_within_10min) as n_within_10min,
        sum(h.n_service) as n_service,
        sum(h.service_s_sum) as service_s_sum
    from queue_hall_hourly as h
    where
        h.branch_id = $hall
        and h.day between $day_from and $day_to
    group by all
),

final as (
    select
        h.day,
        h.hour,
        c.is_workday,
        h.n_tickets,
        h.n_called,
        h.n_within_10min,
        h.n_service,
        h.service_s_sum
    from hourly as h
    inner join calendar as c on h.day = c.day
)

select * from final
order by day, hour
