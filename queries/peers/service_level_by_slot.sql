-- The hotline's service level per half hour of arrival (0 = 00:00-00:30 ... 47).
with calls as (
    select
        cast(
            extract(hour from h.arrived_at) * 2
            + floor(extract(minute from h.arrived_at) / 30) as integer
        )
            as slot,
        h.queued_at,
        extract(epoch from (h.answered_at - h.queued_at)) as answer_s,
        h.outcome = 'abandoned'
        and extract(epoch from (h.ended_at - h.queued_at)) < $short_abandon_s
            as is_short_abandon
    from hotline_call as h
    where h.arrived_at >= $cur_from and h.arrived_at < $cur_end
),

final as (
    select
        c.slot,
        1.0 * count(*) filter (where c.answer_s <= $service_level_s)
        / nullif(count(c.queued_at) - count(*) filter (where c.is_short_abandon), 0)
            as service_level
    from calls as c
    group by c.slot
)

select * from final
order by slot
