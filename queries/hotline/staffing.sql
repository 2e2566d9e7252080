-- hotline staffing: agents on duty per day, half hour and queue. Intervals of 15 or 60 minutes
-- are spread over the half hours they cover: a half hour's agents are its agent-minutes / 30.
with intervals as (
    select
        s.queue_id,
        s.interval_start,
        s.interval_min,
        s.agents_on_duty
    from hotline_staffing as s
    -- a bare range on the timestamp, so that the table's zone maps skip other days
    where
        s.interval_start >= cast($day_from as timestamp)
        and s.interval_start < cast($day_to as timestamp) + interval 1 day
),

halves as (
    -- an interval of 15 or 30 minutes lies within one half hour
    select
        queue_id,
        interval_start as half_start,
        agents_on_duty * interval_min as agent_minutes
    from intervals
    where interval_min <= 30
    -- an hour covers two half hours with the same agents
    union all
    select
        queue_id,
        interval_start as half_start,
        agents_on_duty * 30 as agent_minutes
    from intervals
    where interval_min = 60
    union all
    select
        queue_id,
        interval_start + interval 30 minute as half_start,
        agents_on_duty * 30 as agent_minutes
    from intervals
    where interval_min = 60
),

final as (
    select
        cast(half_start as date) as day,
        cast(hour(half_start) * 2 + minute(half_start) // 30 as smallint) as slot,
        queue_id,
        sum(agent_minutes) / 30 as agents_on_duty
    from halves
    group by all
)

select * from final
order by day, slot, queue_id
