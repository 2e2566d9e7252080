-- Reference data kept by the analyst: targets, benchmarks and events.

-- Targets by level. level_key is 'all' for the company, else a city_id, a tier or a branch_id.
-- Status: green when the value meets the target, amber when it misses by at most amber_band
-- (in the metric's own unit), red otherwise.
create table if not exists target (
    metric_id varchar not null,
    level varchar not null check (level in ('company', 'city', 'tier', 'hall')),
    level_key varchar not null,
    year smallint not null,
    target_value double not null,
    amber_band double not null check (amber_band >= 0),
    source varchar not null,
    primary key (metric_id, level, level_key, year),
    check ((level = 'company') = (level_key = 'all'))
);

-- Published figures from outside the company, each with its source and year.
create table if not exists benchmark (
    metric_id varchar not null,
    subject_en varchar not null,  -- operator or 'Industry'
    subject_zh varchar not null,
    market varchar not null,  -- mobile, fixed, broadband, hall, all
    period_label varchar not null,  -- '2017', '2012-Q1'
    period_start date not null,
    value double not null,
    source varchar not null,
    source_year smallint not null,
    note varchar,
    primary key (metric_id, subject_en, market, period_label)
);

-- Annotations for trends: outages, initiatives, holidays, promotions.
create table if not exists event (
    event_id varchar primary key,
    kind varchar not null check (kind in ('outage', 'initiative', 'holiday', 'promotion')),
    starts_on date not null,
    ends_on date not null,
    city_id varchar,  -- null: the whole company
    branch_id varchar,
    title_en varchar not null,
    title_zh varchar not null,
    description_en varchar,
    description_zh varchar,
    check (ends_on >= starts_on)
);
