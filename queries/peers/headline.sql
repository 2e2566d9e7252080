-- The Overview's headline metrics for the company or one city ($city null: all), straight
-- from the facts: the peer benchmark's plain SQL, written to run on DuckDB and PostgreSQL alike
-- (bench/peers.py). The complaints per million are left out: their exposure is the rollup's.
with surveys as (
    select
        avg(s.score_overall) * 10 as sat_index,
        100.0 * (
            count(*) filter (where s.score_recommend >= $promoter_min)
            - count(*) filter (where s.score_recommend <= $detractor_max)
        ) / count(*) as nps
    from survey_response as s
    where
        s.responded_at >= $cur_from
        and s.responded_at < $cur_end
        and (cast($city as varchar) is null or s.city_id = $city)
),

tickets as (
    select
        extract(epoch from (t.called_at - t.issued_at)) as wait_s,
        t.called_at,
        t.outcome
    from queue_ticket as t
    inner join branch as b on t.branch_id = b.branch_id
    where
        t.issued_at >= $cur_from
        and t.issued_at < $cur_end
        and (cast($city as varchar) is null or b.city_id = $city)
),

queues as (
    select
        1.0 * count(*) filter (where t.wait_s <= $promise_s) / count(t.called_at)
            as queue_within_10min,
        1.0 * sum(t.wait_s) / count(t.called_at) as queue_wait_mean,
        1.0 * count(*) filter (where t.outcome = 'walked_away') / count(*)
            as queue_walkaway_rate
    from tickets as t
),

calls as (
    select
        h.outcome,
        h.queued_at,
        h.is_first_contact_resolved,
        extract(epoch from (h.answered_at - h.queued_at)) as answer_s,
        h.outcome = 'abandoned'
        and extract(epoch from (h.ended_at - h.queued_at)) < $short_abandon_s
            as is_short_abandon
    from hotline_call as h
    where
        h.arrived_at >= $cur_from
        and h.arrived_at < $cur_end
        and (cast($city as varchar) is null or h.city_id = $city)
),

hotline as (
    select
        1.0 * count(*) filter (where c.outcome = 'answered') / count(c.queued_at)
            as hotline_answer_rate,
        1.0 * count(*) filter (where c.answer_s <= $service_level_s)
        / (count(c.queued_at) - count(*) filter (where c.is_short_abandon))
            as hotline_service_level,
        1.0 * count(*) filter (where c.is_first_contact_resolved)
        / count(c.is_first_contact_resolved) as hotline_fcr
    from calls as c
),

complaints as (
    select
        1.0 * count(*) filter (where m.resolved_at <= m.due_at)
        / count(*) filter (where m.resolved_at is not null or m.due_at < $as_of)
            as complaint_ontime_rate
    from complaint as m
    where
        m.received_at >= $cur_from
        and m.received_at < $cur_end
        and (cast($city as varchar) is null or m.city_id = $city)
),

final as (
    select
        s.sat_index,
        s.nps,
        q.queue_within_10min,
        q.queue_wait_mean,
        q.queue_walkaway_rate,
        h.hotline_answer_rate,
        h.hotline_service_level,
        h.hotline_fcr,
        c.complaint_ontime_rate
    from surveys as s
    cross join queues as q
    cross join hotline as h
    cross join complaints as c
)

select * from final
