-- Tickets per counter per hall and day on which the hall issued tickets.
-- source: queue_ticket
delete from queue_counter_daily
where day between $day_from and $day_to;

insert into queue_counter_daily by name
with tickets as (
    select
        t.day,
        t.province_id,
        t.city_id,
        t.branch_id,
        t.tier,
        t.counters,
        count(*) as n_tickets
    from stg_queue_ticket as t
    where t.day between $day_from and $day_to
    group by all
),

final as (
    select
        t.*,
        1 as n_hall_days,
        t.n_tickets / t.counters as tickets_per_counter,
        (t.n_tickets / t.counters) * (t.n_tickets / t.counters) as tickets_per_counter_sq
    from tickets as t
    order by t.day, t.branch_id
)

select * from final;
