-- The latest loads, newest first.
select
    load_id,
    loaded_at,
    table_name,
    file_name,
    rows_in,
    rows_loaded,
    rows_rejected,
    loaded_by,
    checksum_sha256
from load_log
order by load_id desc
limit $max_rows
