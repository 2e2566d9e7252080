select
    segment_id as id,
    name_en,
    name_zh,
    segment_group
from segment
order by sort_order
