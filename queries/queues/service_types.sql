-- queue service types: names of the kinds of business a ticket is for.
select
    service_type_id,
    name_en,
    name_zh
from service_type
order by service_type_id
