-- A delivery's state and attempts so far (SQLite).
with final as (
    select
        state,
        attempts
    from delivery
    where delivery_key = $key
)

select * from final
