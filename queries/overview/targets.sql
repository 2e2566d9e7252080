-- Targets that apply in a year, at every level.
select
    metric_id,
    level,
    level_key,
    target_value,
    amber_band,
    source
from target
where year = $year
