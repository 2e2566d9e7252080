-- The newest entry of one action about one thing ($about in its detail): the thresholds a
-- store's rollups were last built with, which the next rebuild's entry compares against.
select detail_json
from audit_log
where action = $action and json_extract(detail_json, '$.about') = $about
order by audit_id desc
limit 1
