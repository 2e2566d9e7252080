-- Hall hours: tickets of one hall and of its peers (all halls of its tier) by weekday and
-- hour of issue, for the hall's worst hours. An empty segment list means every segment.
with both_sides as (
    -- by name: the hall's rollup has more columns than the tier's; final reads the shared ones
    select
        *,
        true as is_hall
    from queue_hall_hourly
    where
        branch_id = $hall
        and day between $day_from and $day_to
        and (len($segments) = 0 or list_contains($segments, segment))
    union all by name
    select
        *,
        false as is_hall
    from queue_tier_hourly
    where
        tier = $tier
        and day between $day_from and $day_to
        and (len($segments) = 0 or list_contains($segments, segment))
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
