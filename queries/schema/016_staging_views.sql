-- One staging view per fact (dbt's stg_ layer): the joins to city, hall and category and the
-- derived columns that several rollups group or sum by, written once. A view holds no bound
-- parameter, so each rollup keeps its day range and its settings (promise, cut-offs) in its own
-- query. Filter on the view's day (the fact's own timestamp as a date): DuckDB pushes that
-- through the view to the scan, while the cast written again on the timestamp it does not.

create or replace view stg_queue_ticket as
select
    t.*,
    b.city_id,
    c.province_id,
    b.tier,
    b.counters,
    cast(t.issued_at as date) as day,
    cast(hour(t.issued_at) as tinyint) as hour,
    epoch(t.called_at - t.issued_at) as wait_s,
    epoch(t.finished_at - t.served_at) as service_s
from queue_ticket as t
inner join branch as b on t.branch_id = b.branch_id
inner join city as c on b.city_id = c.city_id;

create or replace view stg_hotline_call as
select
    h.*,
    c.province_id,
    cast(h.arrived_at as date) as day,
    cast(hour(h.arrived_at) * 2 + minute(h.arrived_at) // 30 as smallint) as slot,
    epoch(h.answered_at - h.queued_at) as answer_s,
    epoch(h.ended_at - h.answered_at) as handle_s,
    epoch(h.ended_at - h.queued_at) as queue_to_end_s
from hotline_call as h
inner join city as c on h.city_id = c.city_id;

create or replace view stg_complaint as
select
    m.*,
    c.province_id,
    b.tier,
    k.category_id as category,
    cast(m.received_at as date) as day,
    epoch(m.resolved_at - m.received_at) / 3600 as resolution_h,
    epoch(m.first_response_at - m.received_at) / 3600 as first_response_h,
    m.resolved_at <= m.due_at as is_on_time
from complaint as m
inner join city as c on m.city_id = c.city_id
inner join complaint_category as k on m.subcategory_id = k.subcategory_id
left join branch as b on m.branch_id = b.branch_id;

create or replace view stg_survey_response as
select
    s.*,
    c.province_id,
    b.tier,
    cast(s.responded_at as date) as day
from survey_response as s
inner join city as c on s.city_id = c.city_id
left join branch as b on s.branch_id = b.branch_id;

-- Hours in the buckets of complaint_resolution_hist and complaint_response_hist: hourly up to
-- 2 days, 6-hourly to 15 days, daily to 30 days, and 30 days or more in bucket 720.
create or replace macro hours_bucket(hours) as cast(case
    when hours < 48 then floor(hours)
    when hours < 360 then 48 + floor((hours - 48) / 6) * 6
    when hours < 720 then 360 + floor((hours - 360) / 24) * 24
    else 720
end as smallint);
