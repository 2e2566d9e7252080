-- One request and what became of it (SQLite).
with final as (
    select
        request_id,
        requested_at,
        is_forced,
        picked_at,
        done_at,
        outcome
    from check_request
    where request_id = $request_id
)

select * from final
