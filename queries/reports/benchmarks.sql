-- Published figures from outside the company (industry indices, regulator figures), each with
-- its source and year, newest first within a metric.
with final as (
    select
        b.metric_id,
        b.subject_en,
        b.subject_zh,
        b.market,
        b.period_label,
        b.period_start,
        b.value,
        b.source,
        b.source_year,
        b.note
    from benchmark as b
    order by b.metric_id asc, b.period_start desc, b.market asc, b.subject_en asc
)

select * from final
