-- A lake build landed in the store, as a row of the load log: its id is the new data version.
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
    'rollups',
    $file_name,
    $checksum,
    $n_rows,
    $n_rows,
    0,
    $loaded_by,
    current_timestamp
)
returning load_id
