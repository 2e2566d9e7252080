-- Published figures for one metric, newest first, each with its source and year.
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
order by period_start desc, subject_en asc, market asc
