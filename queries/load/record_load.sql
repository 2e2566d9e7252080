-- A load's row in the load log; undoable when it kept what it wrote and replaced (pulse.undo).
insert into load_log (
    table_name,
    file_name,
    checksum_sha256,
    rows_in,
    rows_loaded,
    rows_rejected,
    loaded_by,
    loaded_at,
    undoable,
    replaces_load
)
values (
    $table_name,
    $file_name,
    $checksum,
    $rows_in,
    $rows_loaded,
    $rows_rejected,
    $loaded_by,
    current_timestamp,
    $undoable,
    $replaces_load
)
returning load_id
