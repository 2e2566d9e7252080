-- Hotline calls per day, half hour of arrival, queue, caller city and segment, as additive
-- counts and sums: the one definition of the hotline's measures. Its copies (hotline_daily,
-- hotline_monthly and the per-queue half hours: see pulse/metrics.toml) are sums of it, built
-- by pulse.rollups.refresh_variant. The service-level time and the short-abandon limit are
-- settings (pulse/settings.toml). Ordered by city so that a city filter reads few row groups.
-- source: hotline_call
delete from hotline_interval
where day between $day_from and $day_to;

insert into hotline_interval by name
with calls as (
    select
        h.*,
        -- a caller who hangs up this soon after joining the queue never really waited
        h.outcome = 'abandoned' and h.queue_to_end_s < $short_abandon_s as is_short_abandon
    from stg_hotline_call as h
    where h.day between $day_from and $day_to
),

final as (
    select
        h.day,
        h.slot,
        h.province_id,
        h.city_id,
        h.queue_id,
        h.segment,
        count(*) as n_offered,
        count(*) filter (where h.outcome = 'ivr_self_service') as n_ivr,
        count(h.queued_at) as n_queued,
        count(*) filter (where h.outcome = 'answered') as n_answered,
        count(*) filter (where h.outcome = 'abandoned') as n_abandoned,
        -- reached the queue: hung up there, or answered after a wait (not at once)
        count(*) filter (
            where h.outcome = 'abandoned' or h.answer_s > 0
        ) as n_waited,
        count(*) filter (where h.is_short_abandon) as n_short_abandoned,
        count(*) filter (where h.outcome = 'callback') as n_callback,
        -- the column keeps its name; the time is the setting service_level_s
        count(*) filter (where h.answer_s <= $service_level_s) as n_answered_20s,
        coalesce(sum(h.answer_s), 0) as answer_s_sum,
        coalesce(sum(h.answer_s * h.answer_s), 0) as answer_s_sumsq,
        coalesce(sum(h.handle_s), 0) as handle_s_sum,
        coalesce(sum(h.handle_s * h.handle_s), 0) as handle_s_sumsq,
        count(h.is_first_contact_resolved) as n_fcr_known,
        count(*) filter (where h.is_first_contact_resolved) as n_fcr,
        count(*) filter (where h.is_transferred) as n_transferred
    from calls as h
    group by all
    order by h.city_id, h.day, h.slot
)

select * from final;
