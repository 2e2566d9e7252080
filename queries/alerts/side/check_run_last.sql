-- The newest check (SQLite).
with final as (
    select
        as_of,
        data_version,
        started_at
    from check_run
    order by run_id desc
    limit 1
)

select * from final
