-- One load as undo needs it.
select
    load_id,
    table_name,
    file_name,
    undoable,
    undone_at
from load_log
where load_id = $load_id
