-- Every hall-day of queue_wait_days agrees with the tickets themselves: the same open hours,
-- the same hours over the promise (promise_s) and the whole-day flag, recomputed from the
-- staged facts instead of the hourly rollup; and no hall-day with called tickets is missing.
with ticket_hours as (
    select
        day,
        branch_id,
        hour,
        avg(wait_s) as wait_s_mean
    from stg_queue_ticket
    where called_at is not null
    group by all
),

ticket_days as (
    select
        day,
        branch_id,
        count(*) as n_open_hours,
        count(*) filter (where wait_s_mean > $promise_s) as n_hours_over_promise
    from ticket_hours
    group by all
),

expected as (
    select
        day,
        branch_id,
        n_open_hours,
        n_hours_over_promise,
        (n_hours_over_promise = n_open_hours)::int as n_days_over_promise
    from ticket_days
),

final as (
    select
        coalesce(e.day, r.day) as day,
        coalesce(e.branch_id, r.branch_id) as branch_id,
        e.n_open_hours as expected_open_hours,
        r.n_open_hours as rollup_open_hours,
        e.n_days_over_promise as expected_over,
        r.n_days_over_promise as rollup_over
    from expected as e
    full outer join queue_wait_days as r
        on e.day = r.day and e.branch_id = r.branch_id
    where
        e.day is null
        or r.day is null
        or e.n_open_hours != r.n_open_hours
        or e.n_hours_over_promise != r.n_hours_over_promise
        or e.n_days_over_promise != r.n_days_over_promise
        or r.n_days_open != 1
)

select * from final
