-- Queue tickets per day, hour of issue, hall, segment and service type: the finest grain of
-- the Queues page's ticket measures. Its copies (pulse/metrics.toml) sum it by city, by hour
-- without the service type and by service type without the hour.
-- source: queue_ticket
delete from queue_hourly
where day between $day_from and $day_to;

insert into queue_hourly by name
with final as (
    select
        t.day,
        t.hour,
        t.province_id,
        t.city_id,
        t.branch_id,
        t.tier,
        t.segment,
        t.service_type,
        count(*) as n_tickets,
        count(t.called_at) as n_called,
        count(*) filter (where t.outcome = 'walked_away') as n_walked_away,
        -- the hall's promise (pulse/settings.toml)
        count(*) filter (where t.wait_s <= $promise_s) as n_within_10min,
        coalesce(sum(t.wait_s), 0) as wait_s_sum,
        coalesce(sum(t.wait_s * t.wait_s), 0) as wait_s_sumsq,
        count(t.service_s) as n_service,
        coalesce(sum(t.service_s), 0) as service_s_sum,
        coalesce(sum(t.service_s * t.service_s), 0) as service_s_sumsq
    from stg_queue_ticket as t
    where t.day between $day_from and $day_to
    group by all
    order by t.city_id, t.branch_id, t.day
)

select * from final;
