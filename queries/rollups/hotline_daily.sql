-- Hotline calls per day, queue, caller city and segment, as additive counts and sums.
-- source: hotline_call
delete from hotline_daily
where day between $day_from and $day_to;

insert into hotline_daily by name
with calls as (
    select
        h.*,
        cast(h.arrived_at as date) as day,
        epoch(h.answered_at - h.queued_at) as answer_s,
        epoch(h.ended_at - h.answered_at) as handle_s,
        -- a caller who hangs up within 5 s of joining the queue never really waited
        h.outcome = 'abandoned' and epoch(h.ended_at - h.queued_at) < 5 as is_short_abandon
    from hotline_call as h
    where cast(h.arrived_at as date) between $day_from and $day_to
),

final as (
    select
        h.day,
        c.province_id,
        h.city_id,
        h.queue_id,
        h.segment,
        count(*) as n_offered,
        count(*) filter (where h.outcome = 'ivr_self_service') as n_ivr,
        count(h.queued_at) as n_queued,
        count(*) filter (where h.outcome = 'answered') as n_answered,
        count(*) filter (where h.outcome = 'abandoned') as n_abandoned,
        count(*) filter (where h.is_short_abandon) as n_short_abandoned,
        count(*) filter (where h.outcome = 'callback') as n_callback,
        count(*) filter (where h.answer_s <= 20) as n_answered_20s,
        coalesce(sum(h.answer_s), 0) as answer_s_sum,
        coalesce(sum(h.answer_s * h.answer_s), 0) as answer_s_sumsq,
        coalesce(sum(h.handle_s), 0) as handle_s_sum,
        coalesce(sum(h.handle_s * h.handle_s), 0) as handle_s_sumsq,
        count(h.is_first_contact_resolved) as n_fcr_known,
        count(*) filter (where h.is_first_contact_resolved) as n_fcr,
        count(*) filter (where h.is_transferred) as n_transferred
    from calls as h
    inner join city as c on h.city_id = c.city_id
    group by all
    order by h.day
)

select * from final;
