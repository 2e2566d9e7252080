select
    brand_id as id,
    name_en,
    name_zh
from brand
order by brand_id
