-- The tier-by-hour copy adds up to the halls' hourly rollup, tier by tier and hour by hour.
with halls as (
    select
        day,
        tier,
        segment,
        hour,
        sum(n_tickets) as n_tickets,
        sum(n_within_10min) as n_within_10min
    from queue_hall_hourly
    group by all
),

final as (
    select
        coalesce(h.day, t.day) as day,
        coalesce(h.tier, t.tier) as tier,
        coalesce(h.hour, t.hour) as hour,
        h.n_tickets as hall_tickets,
        t.n_tickets as tier_tickets
    from halls as h
    full outer join queue_tier_hourly as t
        on
            h.day = t.day
            and h.tier = t.tier
            and h.segment = t.segment
            and h.hour = t.hour
    where
        h.n_tickets is distinct from t.n_tickets
        or h.n_within_10min is distinct from t.n_within_10min
)

select * from final
