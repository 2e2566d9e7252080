-- Coarser copies of the daily rollups, so that a question that needs neither halls nor single
-- days reads far fewer rows: by city instead of hall, by month instead of day. Each has the
-- same columns as its base, less the ones it drops; pulse.rollups builds them from the base.

create table if not exists queue_daily_city as
select * exclude (branch_id) from queue_daily
where false;

create table if not exists queue_monthly as
select * from queue_daily
where false;

create table if not exists queue_monthly_city as
select * exclude (branch_id) from queue_daily
where false;

create table if not exists hotline_monthly as
select * from hotline_daily
where false;

create table if not exists survey_daily_city as
select * exclude (branch_id) from survey_daily
where false;

create table if not exists survey_monthly as
select * from survey_daily
where false;

create table if not exists survey_monthly_city as
select * exclude (branch_id) from survey_daily
where false;

create table if not exists complaint_daily_city as
select * exclude (branch_id) from complaint_daily
where false;

create table if not exists complaint_monthly as
select * from complaint_daily
where false;

create table if not exists complaint_monthly_city as
select * exclude (branch_id) from complaint_daily
where false;
