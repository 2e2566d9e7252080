insert into load_log (
    table_name,
    file_name,
    checksum_sha256,
    rows_in,
    rows_loaded,
    rows_rejected,
    loaded_by,
    loaded_at
)
values (
    $table_name,
    $file_name,
    $checksum,
    $rows_in,
    $rows_loaded,
    $rows_rejected,
    $loaded_by,
    current_timestamp
)
returning load_id
