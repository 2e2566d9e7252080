-- One rollup table as a lake build landed it: which engine, on which master, what and when.
insert into rollup_build (
    load_id,
    table_name,
    engine,
    master,
    scope,
    n_partitions,
    n_rows,
    started_at,
    landed_at
)
values (
    $load_id,
    $table_name,
    $engine,
    $master,
    $scope,
    $n_partitions,
    $n_rows,
    $started_at,
    current_timestamp
)
