-- The latest loads, newest first, with whether and by whom each was undone and which load a
-- corrected file replaced.
select
    load_id,
    loaded_at,
    table_name,
    file_name,
    rows_in,
    rows_loaded,
    rows_rejected,
    loaded_by,
    undone_at,
    undone_by,
    replaces_load,
    checksum_sha256
from load_log
order by load_id desc
limit $max_rows
