-- Hotline calls per day, half hour of arrival and queue: the staffing gap (per queue, as
-- staffing is) and the intraday profile of the whole company.
-- source: hotline_call
delete from hotline_queue_interval
where day between $day_from and $day_to;

insert into hotline_queue_interval by name
with calls as (
    select
        h.*,
        cast(h.arrived_at as date) as day,
        cast(hour(h.arrived_at) * 2 + minute(h.arrived_at) // 30 as smallint) as slot,
        epoch(h.answered_at - h.queued_at) as answer_s,
        epoch(h.ended_at - h.answered_at) as handle_s,
        -- the short-abandon rule of hotline_daily: under 5 s in the queue
        h.outcome = 'abandoned' and epoch(h.ended_at - h.queued_at) < 5 as is_short_abandon
    from hotline_call as h
    where cast(h.arrived_at as date) between $day_from and $day_to
),

final as (
    select
        h.day,
        h.slot,
        h.queue_id,
        count(*) as n_offered,
        count(*) filter (where h.outcome = 'ivr_self_service') as n_ivr,
        count(h.queued_at) as n_queued,
        count(*) filter (where h.outcome = 'answered') as n_answered,
        count(*) filter (where h.outcome = 'abandoned') as n_abandoned,
        count(*) filter (where h.is_short_abandon) as n_short_abandoned,
        count(*) filter (where h.answer_s <= 20) as n_answered_20s,
        coalesce(sum(h.answer_s), 0) as answer_s_sum,
        coalesce(sum(h.handle_s), 0) as handle_s_sum
    from calls as h
    group by all
    order by h.day, h.slot
)

select * from final;
