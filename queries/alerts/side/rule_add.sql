-- A rule made in the app (SQLite, the side database).
insert into alert_rule (
    rule_id, metric_id, condition, level, units, grain, peers, created_by, created_at
)
values (
    $rule_id, $metric_id, $condition, $level, $units, $grain, $peers, $created_by, $created_at
)
