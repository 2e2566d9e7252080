select
    count(*) as rows_in,
    count(*) filter (where reason = '') as rows_loaded,
    count(*) filter (where reason != '') as rows_rejected
from _checked
