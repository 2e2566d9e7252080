-- Hall hours, read from the halls' hourly rollup alone: for a store whose schema predates
-- queue_tier_hourly. Peers are all halls of the tier; an empty segment list means every one.
with scoped as (
    select *
    from queue_hall_hourly
    where
        day between $day_from and $day_to
        and tier = $tier
        and (len($segments) = 0 or list_contains($segments, segment))
),

both_sides as (
    select
        *,
        true as is_hall
    from scoped
    where branch_id = $hall
    union all
    select
        *,
        false as is_hall
    from scoped
),

final as (
    select
        is_hall,
        isodow(day) as weekday,
        hour,
        count(distinct day) as n_days,
        sum(n_tickets) as n_tickets,
        sum(n_called) as n_called,
        sum(n_walked_away) as n_walked_away,
        sum(n_within_10min) as n_within_10min,
        sum(wait_s_sum) as wait_s_sum
    from both_sides
    group by all
    order by weekday asc, hour asc, is_hall desc
)

select * from final
