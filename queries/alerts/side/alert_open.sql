-- Open an alert episode; the partial unique index refuses a second open one (SQLite).
insert into alert (
    rule_id, unit, metric_id, condition, state, opened_at, opened_for,
    value, low, high, n, sentence_en, sentence_zh, link, chart_png
)
values (
    $rule_id, $unit, $metric_id, $condition, 'open', $opened_at, $opened_for,
    $value, $low, $high, $n, $sentence_en, $sentence_zh, $link, $chart_png
)
