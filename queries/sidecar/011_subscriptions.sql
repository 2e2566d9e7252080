-- Board-report subscriptions: a user's report for a scope, period and language, on a
-- schedule; each due run is a delivery row (its key names the due date).
create table subscription (
    subscription_id integer primary key,
    user_name text not null,
    report_format text not null,
    scope text not null default 'all',
    period text not null,
    lang text not null default 'en',
    schedule text not null,
    is_active integer not null default 1,
    created_at text not null
);
