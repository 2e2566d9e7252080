-- How many entries record one load ($load_id in the detail): a file the inbox loaded just
-- before its process stopped is logged once, by whichever run gets there first.
select count(*) as n_entries
from audit_log
where action = 'load' and json_extract(detail_json, '$.load_id') = $load_id
