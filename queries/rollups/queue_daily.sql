-- Queue tickets per day, hall and segment, as additive counts and sums.
-- source: queue_ticket
delete from queue_daily
where day between $day_from and $day_to;

insert into queue_daily by name
with tickets as (
    select
        t.*,
        cast(t.issued_at as date) as day,
        epoch(t.called_at - t.issued_at) as wait_s,
        epoch(t.finished_at - t.served_at) as service_s
    from queue_ticket as t
    where cast(t.issued_at as date) between $day_from and $day_to
),

final as (
    select
        t.day,
        c.province_id,
        b.city_id,
        t.branch_id,
        b.tier,
        t.segment,
        count(*) as n_tickets,
        count(*) filter (where t.is_priority_lane) as n_priority,
        count(t.called_at) as n_called,
        count(*) filter (where t.outcome = 'served') as n_served,
        count(*) filter (where t.outcome = 'walked_away') as n_walked_away,
        count(*) filter (where t.outcome = 'transferred') as n_transferred,
        count(*) filter (where t.wait_s <= $promise_s) as n_within_10min,  -- pulse/settings.toml
        coalesce(sum(t.wait_s), 0) as wait_s_sum,
        coalesce(sum(t.wait_s * t.wait_s), 0) as wait_s_sumsq,
        count(t.service_s) as n_service,
        coalesce(sum(t.service_s), 0) as service_s_sum,
        coalesce(sum(t.service_s * t.service_s), 0) as service_s_sumsq
    from tickets as t
    inner join branch as b on t.branch_id = b.branch_id
    inner join city as c on b.city_id = c.city_id
    group by all
    order by t.day
)

select * from final;
