select
    city_id,
    province_id,
    city_en,
    city_zh,
    province_en,
    province_zh
from city
order by province_id, city_id
