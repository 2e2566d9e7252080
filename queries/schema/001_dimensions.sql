-- Dimensions. References from facts to these tables are checked by the loader row by row
-- (pulse/ingest.py) rather than by FOREIGN KEY clauses: DuckDB refuses to delete or replace a
-- referenced row, which would make a corrected dimension file impossible to reload.

create table if not exists city (
    city_id varchar primary key,
    province_id varchar not null,
    city_en varchar not null,
    city_zh varchar not null,
    province_en varchar not null,
    province_zh varchar not null
);

create table if not exists branch (
    branch_id varchar primary key,
    name_en varchar not null,
    name_zh varchar not null,
    city_id varchar not null,
    district_en varchar,
    district_zh varchar,
    tier varchar not null check (tier in ('flagship', 'standard', 'community', 'rural')),
    opened_on date not null,
    counters smallint not null check (counters between 1 and 60),
    latitude double check (latitude between -90 and 90),
    longitude double check (longitude between -180 and 180)
);

create table if not exists hotline_queue (
    queue_id varchar primary key,
    centre varchar not null,
    skill varchar not null check (
        skill in ('general', 'billing', 'technical', 'vip', 'complaints')
    ),
    name_en varchar not null,
    name_zh varchar not null
);

create table if not exists segment (
    segment_id varchar primary key,
    segment_group varchar not null check (segment_group in ('mass', 'vip', 'group')),
    name_en varchar not null,
    name_zh varchar not null,
    sort_order smallint not null
);

create table if not exists brand (
    brand_id varchar primary key,
    name_en varchar not null,
    name_zh varchar not null
);

create table if not exists channel (
    channel_id varchar primary key,
    name_en varchar not null,
    name_zh varchar not null
);

create table if not exists service_type (
    service_type_id varchar primary key,
    name_en varchar not null,
    name_zh varchar not null
);

create table if not exists complaint_category (
    subcategory_id varchar primary key,
    category_id varchar not null check (
        category_id in ('network', 'billing', 'attitude', 'handling', 'marketing', 'product')
    ),
    category_en varchar not null,
    category_zh varchar not null,
    subcategory_en varchar not null,
    subcategory_zh varchar not null
);

create table if not exists calendar (
    day date primary key,
    week_start date not null,
    month_start date not null,
    quarter_start date not null,
    year smallint not null,
    weekday smallint not null check (weekday between 1 and 7),
    is_workday boolean not null,
    holiday_en varchar,
    holiday_zh varchar,
    check (week_start <= day and month_start <= day and quarter_start <= month_start)
);

-- Subscribers by month, city, segment and brand: the exposure behind per-million rates.
create table if not exists customer_base (
    month_start date not null,
    city_id varchar not null,
    segment varchar not null,
    brand varchar not null,
    subscribers bigint not null check (subscribers >= 0),
    primary key (month_start, city_id, segment, brand),
    check (day(month_start) = 1)
);
