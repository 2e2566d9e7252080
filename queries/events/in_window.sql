-- Events that overlap a window (a period, a trend's span) and concern the whole company or
-- a place in scope.
-- An empty list parameter means no restriction on that level. The user's scope: events of the
-- whole company, of a city it covers whole, or of a hall it covers ($reach_all: everything).
with final as (
    select
        e.event_id,
        e.kind,
        e.starts_on,
        e.ends_on,
        e.city_id,
        e.branch_id,
        e.title_en,
        e.title_zh,
        e.description_en,
        e.description_zh
    from event as e
    left join city as c on e.city_id = c.city_id
    where
        e.starts_on <= $day_to
        and e.ends_on >= $day_from
        and (len($provinces) = 0 or e.city_id is null or list_contains($provinces, c.province_id))
        and (len($cities) = 0 or e.city_id is null or list_contains($cities, e.city_id))
        and (len($halls) = 0 or e.branch_id is null or list_contains($halls, e.branch_id))
        and (
            $reach_all
            or list_contains($reach_halls, e.branch_id)
            or (
                e.branch_id is null
                and (e.city_id is null or list_contains($reach_cities, e.city_id))
            )
        )
    order by e.starts_on, e.event_id
)

select * from final
