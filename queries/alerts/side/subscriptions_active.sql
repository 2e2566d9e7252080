-- Every active subscription (SQLite).
with final as (
    select
        subscription_id,
        user_name,
        report_format,
        scope,
        period,
        lang,
        schedule,
        created_at
    from subscription
    where is_active = 1
    order by subscription_id
)

select * from final
