-- Each fact table's rows and date range, with its last load. The date is cast after min()
-- and max(), not before: DuckDB answers a bare column's min and max (and count(*)) from
-- its stored statistics, without reading the rows: on the province's 204 M rows, 0.31 s
-- became 8 ms (0.94 s became 0.34 s on a first read of the file).
with facts as (
    select
        'queue_ticket' as table_name,
        1 as source_order,
        count(*) as n_rows,
        cast(min(issued_at) as date) as first_day,
        cast(max(issued_at) as date) as last_day
    from queue_ticket
    union all
    select
        'hotline_call' as table_name,
        3 as source_order,
        count(*) as n_rows,
        cast(min(arrived_at) as date) as first_day,
        cast(max(arrived_at) as date) as last_day
    from hotline_call
    union all
    select
        'survey_response' as table_name,
        6 as source_order,
        count(*) as n_rows,
        cast(min(responded_at) as date) as first_day,
        cast(max(responded_at) as date) as last_day
    from survey_response
    union all
    select
        'complaint' as table_name,
        5 as source_order,
        count(*) as n_rows,
        cast(min(received_at) as date) as first_day,
        cast(max(received_at) as date) as last_day
    from complaint
    union all
    select
        'hotline_staffing' as table_name,
        4 as source_order,
        count(*) as n_rows,
        cast(min(interval_start) as date) as first_day,
        cast(max(interval_start) as date) as last_day
    from hotline_staffing
    union all
    select
        'queue_snapshot' as table_name,
        2 as source_order,
        count(*) as n_rows,
        cast(min(snapshot_at) as date) as first_day,
        cast(max(snapshot_at) as date) as last_day
    from queue_snapshot
),

last_loads as (
    select
        table_name,
        max(loaded_at) as last_loaded_at,
        count(*) as n_loads,
        sum(rows_rejected) as rows_rejected
    from load_log
    group by table_name
),

final as (
    select
        f.table_name,
        f.source_order,
        f.n_rows,
        f.first_day,
        f.last_day,
        l.last_loaded_at,
        -- a table never loaded (snapshots in a store without them) has no loads, not unknown
        coalesce(l.n_loads, 0) as n_loads,
        coalesce(l.rows_rejected, 0) as rows_rejected
    from facts as f
    left join last_loads as l on f.table_name = l.table_name
)

-- a fixed order (halls, hotline, complaints, surveys): a union all keeps none
select * exclude (source_order) from final
order by source_order
