-- Requests no scheduler has picked up yet, oldest first (SQLite).
with final as (
    select
        request_id,
        requested_at,
        is_forced
    from check_request
    where picked_at is null
    order by request_id
)

select * from final
