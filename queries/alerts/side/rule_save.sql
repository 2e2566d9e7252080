-- Save a rule made or changed on the Alerts page (SQLite, the side database).
insert into alert_rule (
    rule_id, metric_id, condition, level, units, grain, peers, audience, is_enabled,
    created_by, created_at, changed_by, changed_at
)
values (
    $rule_id, $metric_id, $condition, $level, $units, $grain, $peers, $audience, $is_enabled,
    $by, $at, $by, $at
)
on conflict (rule_id) do update set
    metric_id = excluded.metric_id,
    condition = excluded.condition,
    level = excluded.level,
    units = excluded.units,
    grain = excluded.grain,
    peers = excluded.peers,
    audience = excluded.audience,
    is_enabled = excluded.is_enabled,
    changed_by = excluded.changed_by,
    changed_at = excluded.changed_at
