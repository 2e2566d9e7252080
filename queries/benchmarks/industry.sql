-- Published industry figures for one metric, each with its source and year, newest first.
with final as (
    select
        metric_id,
        subject_en,
        subject_zh,
        market,
        period_label,
        period_start,
        value,
        source,
        source_year,
        note
    from benchmark
    where metric_id = $metric_id
    order by period_start desc, market asc, subject_en asc
)

select * from final
