-- The load that stored a file of this name, if any: names of files handed to the inbox are
-- unique, so a restarted inbox finds a load it committed just before it stopped.
select
    load_id,
    table_name,
    rows_in,
    rows_loaded,
    rows_rejected
from load_log
where file_name = $file_name
order by load_id
limit 1
