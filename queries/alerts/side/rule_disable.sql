-- Stop checking an app rule; its alerts stay (SQLite, the side database).
update alert_rule set is_enabled = 0
where rule_id = $rule_id
