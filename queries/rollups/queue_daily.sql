-- Queue tickets per day, hall and segment, as additive counts and sums.
-- source: queue_ticket
delete from queue_daily
where day between $day_from and $day_to;

insert into queue_daily by name
with final as (
    select
        t.day,
        t.province_id,
        t.city_id,
        t.branch_id,
        t.tier,
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
    from stg_queue_ticket as t
    where t.day between $day_from and $day_to
    group by all
    order by t.day
)

select * from final;
