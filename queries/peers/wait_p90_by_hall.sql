-- The 90th percentile of the wait from issue to call per hall (called tickets), in seconds.
with final as (
    select
        t.branch_id,
        percentile_disc(0.9) within group (
            order by extract(epoch from (t.called_at - t.issued_at))
        ) as wait_p90_s,
        count(*) as n_called
    from queue_ticket as t
    where
        t.issued_at >= $cur_from
        and t.issued_at < $cur_end
        and t.called_at is not null
    group by t.branch_id
)

select * from final
order by branch_id
