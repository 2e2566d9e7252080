-- Change an annotation (SQLite).
update annotation set
    kind = $kind,
    starts_on = $starts_on,
    ends_on = $ends_on,
    city_id = $city_id,
    branch_id = $branch_id,
    title = $title,
    note = $note,
    updated_by = $by,
    updated_at = $at
where annotation_id = $annotation_id and deleted_at is null
