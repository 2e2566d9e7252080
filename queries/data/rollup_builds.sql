-- The latest rollup builds from the lake, newest first: which engine (and master) built how
-- many rollup tables, partitions and rows, and when it started and landed.
with builds as (
    select
        b.load_id,
        b.engine,
        b.master,
        count(*) as n_tables,
        sum(b.n_partitions) as n_partitions,
        sum(b.n_rows) as n_rows,
        min(b.started_at) as started_at,
        max(b.landed_at) as landed_at
    from rollup_build as b
    group by b.load_id, b.engine, b.master
),

final as (
    select
        bu.load_id,
        bu.engine,
        bu.master,
        bu.n_tables,
        bu.n_partitions,
        bu.n_rows,
        bu.started_at,
        bu.landed_at
    from builds as bu
    order by bu.load_id desc
    limit $max_rows
)

select * from final
