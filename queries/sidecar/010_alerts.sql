-- Alert rules made in the app (pulse/alerts/rules.toml holds the shipped ones), the alerts
-- they raised (one row per episode: opened when the condition starts, closed when it clears),
-- what happened to each, and every delivery, keyed so that a restart never sends twice.
create table alert_rule (
    rule_id text primary key,
    metric_id text not null,
    condition text not null,
    level text not null,
    units text not null default '',
    grain text not null default 'week',
    is_enabled integer not null default 1,
    created_by text,
    created_at text not null
);

create table alert (
    alert_id integer primary key,
    rule_id text not null,
    unit text not null,
    metric_id text not null,
    condition text not null,
    state text not null,
    opened_at text not null,
    opened_for text not null,
    closed_at text,
    closed_for text,
    value real,
    low real,
    high real,
    n real,
    sentence_en text not null,
    sentence_zh text not null,
    cleared_en text,
    cleared_zh text,
    link text not null,
    chart_png blob,
    acked_by text,
    acked_at text,
    ack_note text,
    snoozed_until text
);

-- an episode is open once: a second check of the same condition finds this row
create unique index alert_open_once on alert (rule_id, unit)
where state = 'open';

create table alert_log (
    log_id integer primary key,
    alert_id integer not null references alert (alert_id),
    logged_at text not null,
    action text not null,
    by_user text,
    note text
);

create table delivery (
    delivery_id integer primary key,
    delivery_key text not null unique,
    alert_id integer references alert (alert_id),
    subscription_id integer,
    what text not null,
    recipient text not null,
    channel text not null,
    state text not null,
    attempts integer not null default 0,
    last_error text,
    created_at text not null,
    sent_at text
);

create table check_run (
    run_id integer primary key,
    as_of text not null,
    data_version integer,
    started_at text not null,
    opened integer not null default 0,
    closed integer not null default 0,
    sent integer not null default 0,
    failed integer not null default 0
);
