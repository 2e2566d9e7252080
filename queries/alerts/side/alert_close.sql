-- Close an episode whose condition cleared, with the sentence that says so (SQLite).
update alert set
    state = 'closed',
    closed_at = $closed_at,
    closed_for = $closed_for,
    cleared_en = $cleared_en,
    cleared_zh = $cleared_zh
where alert_id = $alert_id and state = 'open'
