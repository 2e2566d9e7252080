-- Tickets per counter per hall and day on which the hall issued tickets.
-- source: queue_ticket
delete from queue_counter_daily
where day between $day_from and $day_to;

insert into queue_counter_daily by name
with tickets as (
    select
        t.branch_id,
        cast(t.issued_at as date) as day,
        count(*) as n_tickets
    from queue_ticket as t
    where cast(t.issued_at as date) between $day_from and $day_to
    group by all
),

final as (
    select
        t.day,
        c.province_id,
        b.city_id,
        t.branch_id,
        b.tier,
        b.counters,
        1 as n_hall_days,
        t.n_tickets,
        t.n_tickets / b.counters as tickets_per_counter,
        (t.n_tickets / b.counters) * (t.n_tickets / b.counters) as tickets_per_counter_sq
    from tickets as t
    inner join branch as b on t.branch_id = b.branch_id
    inner join city as c on b.city_id = c.city_id
    order by t.day, t.branch_id
)

select * from final;
