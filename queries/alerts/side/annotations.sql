-- The analysts' annotations not deleted, oldest first (SQLite).
with final as (
    select
        annotation_id,
        kind,
        starts_on,
        ends_on,
        city_id,
        branch_id,
        title,
        note,
        created_by,
        created_at,
        updated_by,
        updated_at
    from annotation
    where deleted_at is null
    order by starts_on, annotation_id
)

select * from final
