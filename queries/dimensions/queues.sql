select
    queue_id as id,
    name_en,
    name_zh
from hotline_queue
order by queue_id
