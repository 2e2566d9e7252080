-- Rollups built outside the store (pulse.lake: DuckDB or Spark over the Parquet lake) and
-- landed in it, one row per table and build, so the Data page can say which engine built
-- what and when. A build's load_id is its row in load_log: landing bumps the data version.
create table if not exists rollup_build (
    load_id bigint not null,
    table_name varchar not null,
    engine varchar not null check (engine in ('duckdb', 'spark')),
    master varchar not null,  -- local[2], spark://..., yarn, k8s://..., or embedded
    scope varchar not null check (scope in ('cells', 'months', 'whole')),
    n_partitions integer not null,
    n_rows bigint not null,
    started_at timestamp not null,
    landed_at timestamp not null,
    primary key (load_id, table_name)
);
