-- Every load and undo in load_log, for the audit log to hold an entry of each. A load's new
-- dimension members are loads of their own in its transaction (the same loaded_at): the entry
-- of the transaction's last load, the file's, covers them. A load undone by a corrected file
-- (replaces_load) is recorded by the entry of that file's load.
with loads as (
    select
        load_id,
        table_name,
        file_name,
        rows_loaded,
        rows_rejected,
        loaded_by,
        loaded_at,
        replaces_load,
        undone_at,
        undone_by,
        load_id < max(load_id) over (partition by loaded_at) as is_members_load
    from load_log
),

final as (
    select
        l.*,
        l.load_id in (
            select r.replaces_load
            from load_log as r
            where r.replaces_load is not null
        ) as is_replaced
    from loads as l
)

select * from final
order by load_id
