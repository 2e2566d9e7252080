-- The loads and undos the log holds an entry of, by load id (a refusal changed nothing).
select
    action,
    cast(json_extract(detail_json, '$.load_id') as integer) as load_id
from audit_log
where
    action in ('load', 'undo')
    and json_extract(detail_json, '$.load_id') is not null
    and json_extract(detail_json, '$.refused') is null
