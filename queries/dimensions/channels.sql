select
    channel_id as id,
    name_en,
    name_zh
from channel
order by channel_id
