-- Every hall has one number, and every per-hall wait histogram row (the rollup and its hall
-- copies) carries the number of its own hall.
with numbered as (
    select
        'branch' as source,
        b.branch_id,
        null as hall_no
    from branch as b
    where b.branch_id not in (select h.branch_id from hall_number as h)
),

carried as (
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
    where c.hall_no is distinct from h.hall_no
),

final as (
    select * from numbered
    union all
    select * from wrong
)

select * from final
