-- The rows one load rejected, with the reason for each.
select
    row_number,
    reason
from load_reject
where load_id = $load_id
order by row_number
