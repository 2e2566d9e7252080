-- Every numbered hall with what is known from the hall alone: its id, city, province and tier.
select
    h.hall_no,
    b.branch_id,
    b.city_id,
    c.province_id,
    b.tier
from hall_number as h
inner join branch as b on h.branch_id = b.branch_id
inner join city as c on b.city_id = c.city_id
