-- Every per-hall wait histogram row (the rollup and its hall copies) carries the number of its
-- own hall. (A hall is numbered when its first tickets are rolled up, so a hall without
-- tickets may have none yet.)
with carried as (
    select
        'queue_wait_hist' as source,
        branch_id,
        hall_no
    from queue_wait_hist
    union all
    select
        'queue_wait_hist_hall_monthly' as source,
        branch_id,
        hall_no
    from queue_wait_hist_hall_monthly
    union all
    select
        'queue_wait_hist_hall_segment_monthly' as source,
        branch_id,
        hall_no
    from queue_wait_hist_hall_segment_monthly
),

wrong as (
    select distinct
        c.source,
        c.branch_id,
        c.hall_no
    from carried as c
    left join hall_number as h on c.branch_id = h.branch_id
    where c.hall_no is null or c.hall_no is distinct from h.hall_no
),

final as (
    select * from wrong
)

select * from final
