-- The load log says who undid a load, and when.
update load_log
set
    undone_at = current_timestamp,
    undone_by = $undone_by
where load_id = $load_id
