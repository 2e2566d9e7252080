insert into load_reject
select
    $new_load_id as load_id,
    _row as row_number,
    reason
from _checked
where reason != ''
