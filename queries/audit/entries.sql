-- The latest entries of the audit log, newest first.
select
    audit_id,
    recorded_at,
    user_name,
    role_name,
    scope_json,
    action,
    detail_json
from audit_log
order by audit_id desc
limit $max_rows
