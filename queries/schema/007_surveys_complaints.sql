-- Rollups of the Surveys and Complaints pages: score distributions, scores by the experience
-- behind them (the wait, the answer, the handling), complaints by subcategory, first-response
-- times and the open backlog. Built by queries/rollups/*.sql like the others.

-- How many responses gave each overall and each recommend score, one column per score 0 to 10
-- (a row per cell rather than per score keeps the table as small as survey_daily).
create table if not exists survey_score_hist (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar,
    tier varchar,
    touchpoint varchar not null,
    segment varchar not null,
    brand varchar not null,
    n_overall_0 bigint not null,
    n_overall_1 bigint not null,
    n_overall_2 bigint not null,
    n_overall_3 bigint not null,
    n_overall_4 bigint not null,
    n_overall_5 bigint not null,
    n_overall_6 bigint not null,
    n_overall_7 bigint not null,
    n_overall_8 bigint not null,
    n_overall_9 bigint not null,
    n_overall_10 bigint not null,
    n_recommend_0 bigint not null,
    n_recommend_1 bigint not null,
    n_recommend_2 bigint not null,
    n_recommend_3 bigint not null,
    n_recommend_4 bigint not null,
    n_recommend_5 bigint not null,
    n_recommend_6 bigint not null,
    n_recommend_7 bigint not null,
    n_recommend_8 bigint not null,
    n_recommend_9 bigint not null,
    n_recommend_10 bigint not null
);

-- Scores of surveys that follow a contact, by what the respondent experienced: the wait of
-- their queue ticket (wait_bucket in minutes), the answer wait of their call (in seconds) and
-- whether it was resolved first time, or how their complaint was handled.
create table if not exists survey_experience (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar,
    tier varchar,
    touchpoint varchar not null,
    segment varchar not null,
    brand varchar not null,
    contact varchar not null check (contact in ('ticket', 'call', 'complaint')),
    wait_bucket smallint,  -- lower bound: minutes for tickets, seconds for calls
    is_first_contact_resolved boolean,  -- calls only
    is_on_time boolean,  -- complaints only: resolved by the deadline
    return_visit varchar,  -- complaints only; 'none' when nobody called back
    n_responses bigint not null,
    overall_sum double not null,
    overall_sumsq double not null,
    n_overall_top bigint not null,
    n_promoters bigint not null,
    n_passives bigint not null,
    n_detractors bigint not null,
    speed_n bigint not null,
    speed_sum double not null,
    speed_sumsq double not null,
    staff_n bigint not null,
    staff_sum double not null,
    staff_sumsq double not null
);

-- Complaints per day received down to the subcategory, with the outcomes of handling and the
-- return visit split by whether the complaint was resolved on time.
create table if not exists complaint_subcategory_daily (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar,
    tier varchar,
    channel varchar not null,
    segment varchar not null,
    brand varchar not null,
    category varchar not null,
    subcategory_id varchar not null,
    n_complaints bigint not null,
    n_escalated bigint not null,
    n_repeat bigint not null,
    n_decided bigint not null,
    n_ontime bigint not null,
    n_return_visit_ontime bigint not null,
    n_return_satisfied_ontime bigint not null,
    n_return_visit_late bigint not null,
    n_return_satisfied_late bigint not null
);

-- Hours from receipt to the first response, in the buckets of complaint_resolution_hist.
create table if not exists complaint_response_hist (
    day date not null,
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar,
    tier varchar,
    channel varchar not null,
    segment varchar not null,
    brand varchar not null,
    category varchar not null,
    bucket_h smallint not null,
    n bigint not null
);

-- Complaints still open at the end of the extract, by age (days since receipt, bucketed) and
-- whether they are past their deadline or due within the next 24 hours.
create table if not exists complaint_backlog (
    as_of timestamp not null,
    day date not null,  -- day received
    province_id varchar not null,
    city_id varchar not null,
    branch_id varchar,
    tier varchar,
    channel varchar not null,
    segment varchar not null,
    brand varchar not null,
    category varchar not null,
    severity varchar not null,
    age_bucket_d smallint not null,  -- lower bound of the age bucket in whole days
    is_overdue boolean not null,
    is_due_24h boolean not null,
    n_open bigint not null
);

-- Coarser copies of three of the rollups above, read when a question needs neither halls
-- (the _city copies) nor single days (the _monthly copies, day = the month's first day): a
-- year at province scale is then a few hundred thousand rows instead of millions. Built from
-- their rollup by queries/rollups/<copy>.sql; pulse.copies chooses which one answers.
create table if not exists survey_score_hist_monthly_city as
select * exclude (branch_id, tier) from survey_score_hist
where false;

create table if not exists survey_score_hist_daily_city as
select * exclude (branch_id, tier) from survey_score_hist
where false;

create table if not exists survey_score_hist_monthly as
select * from survey_score_hist
where false;

create table if not exists survey_experience_monthly_city as
select * exclude (branch_id, tier) from survey_experience
where false;

create table if not exists survey_experience_daily_city as
select * exclude (branch_id, tier) from survey_experience
where false;

create table if not exists survey_experience_monthly as
select * from survey_experience
where false;

create table if not exists complaint_subcategory_monthly_city as
select * exclude (branch_id, tier) from complaint_subcategory_daily
where false;

create table if not exists complaint_subcategory_daily_city as
select * exclude (branch_id, tier) from complaint_subcategory_daily
where false;

create table if not exists complaint_subcategory_monthly as
select * from complaint_subcategory_daily
where false;
