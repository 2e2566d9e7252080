-- The id of the last load; 0 for an empty store.
select coalesce(max(load_id), 0) as data_version from load_log
