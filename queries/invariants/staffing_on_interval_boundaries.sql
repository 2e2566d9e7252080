-- Staffing intervals start on a multiple of their own length.
with final as (
    select
        queue_id,
        interval_start,
        interval_min
    from hotline_staffing
    where
        (extract('hour' from interval_start) * 60 + extract('minute' from interval_start))
        % interval_min != 0
        or extract('second' from interval_start) != 0
)

select * from final
