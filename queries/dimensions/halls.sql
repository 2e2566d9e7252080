select
    b.branch_id,
    b.city_id,
    b.name_en,
    b.name_zh,
    b.tier,
    b.counters
from branch as b
order by b.city_id, b.branch_id
