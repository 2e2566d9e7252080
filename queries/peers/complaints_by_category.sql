-- Complaints per category with the share resolved on time (open and not yet due left out).
with final as (
    select
        k.category_id as category,
        count(*) as n_complaints,
        1.0 * count(*) filter (where m.resolved_at <= m.due_at)
        / nullif(count(*) filter (where m.resolved_at is not null or m.due_at < $as_of), 0)
            as ontime_rate
    from complaint as m
    inner join complaint_category as k on m.subcategory_id = k.subcategory_id
    where m.received_at >= $cur_from and m.received_at < $cur_end
    group by k.category_id
)

select * from final
order by category
