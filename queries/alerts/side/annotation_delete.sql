-- Take an annotation off the charts; the row stays for the audit log (SQLite).
update annotation set
    deleted_at = $at,
    updated_by = $by,
    updated_at = $at
where annotation_id = $annotation_id
