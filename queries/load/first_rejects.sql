select
    _row as row_number,
    reason
from _checked
where reason != ''
order by _row
limit $max_rows
