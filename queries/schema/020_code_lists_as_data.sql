-- Code lists are data, not DDL: a source's channels, touchpoints, complaint categories and
-- hotline skills are reference rows (channel, complaint_category, hotline_queue) a data
-- steward extends by loading rows, so the CHECK lists that fixed them go. CHECKs stay for
-- what is impossible (a score outside its scale, a case resolved before it was received) and
-- for the codes the product's own rules read (status, severity, return visit). DuckDB cannot
-- drop a constraint, so each table is rebuilt with its rows, keys and remaining rules.

create table hotline_queue_020 (
    queue_id varchar primary key,
    centre varchar not null,
    skill varchar not null,  -- the source's skill code (general, billing, vip ...)
    name_en varchar not null,
    name_zh varchar not null
);

insert into hotline_queue_020 by name select * from hotline_queue;

drop table hotline_queue;

alter table hotline_queue_020 rename to hotline_queue;

create table complaint_category_020 (
    subcategory_id varchar primary key,
    category_id varchar not null,  -- groups subcategories; named by category_en/zh
    category_en varchar not null,
    category_zh varchar not null,
    subcategory_en varchar not null,
    subcategory_zh varchar not null
);

insert into complaint_category_020 by name select * from complaint_category;

drop table complaint_category;

alter table complaint_category_020 rename to complaint_category;

create table complaint_020 (
    complaint_id varchar primary key,
    received_at timestamp not null,
    channel varchar not null,  -- a channel_id (the loader checks it against channel)
    city_id varchar not null,
    branch_id varchar,
    segment varchar not null,
    brand varchar not null,
    subcategory_id varchar not null,
    severity varchar not null check (severity in ('low', 'medium', 'high')),
    is_escalated boolean not null,  -- escalated to the regulator (MIIT)
    due_at timestamp not null,
    first_response_at timestamp,
    resolved_at timestamp,
    status varchar not null check (status in ('open', 'resolved')),
    customer_key varchar not null,  -- hashed customer id
    is_repeat boolean not null,  -- the same customer complained in the previous 30 days
    return_visit varchar check (return_visit in ('satisfied', 'neutral', 'dissatisfied')),
    check (due_at >= received_at),
    check (first_response_at >= received_at),
    check (resolved_at >= received_at),
    check ((status = 'resolved') = (resolved_at is not null)),
    check (return_visit is null or resolved_at is not null)
);

insert into complaint_020 by name select * from complaint;

drop table complaint;

alter table complaint_020 rename to complaint;

create table survey_response_020 (
    response_id bigint primary key,
    responded_at timestamp not null,
    touchpoint varchar not null,  -- a channel_id (the loader checks it against channel)
    city_id varchar not null,
    branch_id varchar,
    queue_id varchar,
    segment varchar not null,
    brand varchar not null,
    score_overall tinyint not null check (score_overall between 0 and 10),
    score_recommend tinyint check (score_recommend between 0 and 10),
    score_network tinyint check (score_network between 0 and 10),
    score_tariff tinyint check (score_tariff between 0 and 10),
    score_staff tinyint check (score_staff between 0 and 10),
    score_speed tinyint check (score_speed between 0 and 10),
    score_convenience tinyint check (score_convenience between 0 and 10),
    score_billing tinyint check (score_billing between 0 and 10),
    comment varchar,
    ticket_id bigint,
    call_id bigint,
    complaint_id varchar
);

insert into survey_response_020 by name select * from survey_response;

drop table survey_response;

alter table survey_response_020 rename to survey_response;
