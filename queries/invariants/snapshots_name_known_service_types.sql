-- Every queue snapshot's service type exists in service_type.
with final as (
    select distinct
        s.branch_id,
        s.service_type
    from queue_snapshot as s
    anti join service_type as t on s.service_type = t.service_type_id
)

select * from final
