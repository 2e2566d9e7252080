-- Every monthly copy of a rollup keeps, beside a month's sums, the first day of the month the
-- base rollup has a row for in that unit (a hall that opened on the 17th: the 17th). A trend
-- by month or quarter then reads the monthly copies and still knows where its data starts, so
-- the first bucket is marked part-period (pulse.trends.data); before, it read a year of daily
-- rows for that. The copies are emptied here and rebuilt from their bases, with the new
-- column, in this migration's own transaction (pulse.store.migrate).

alter table queue_monthly_city add column if not exists first_day date;
delete from queue_monthly_city;

alter table queue_monthly add column if not exists first_day date;
delete from queue_monthly;

alter table queue_wait_hist_city_segment_monthly add column if not exists first_day date;
delete from queue_wait_hist_city_segment_monthly;

alter table queue_wait_hist_hall_monthly add column if not exists first_day date;
delete from queue_wait_hist_hall_monthly;

alter table queue_wait_hist_hall_segment_monthly add column if not exists first_day date;
delete from queue_wait_hist_hall_segment_monthly;

alter table hotline_monthly add column if not exists first_day date;
delete from hotline_monthly;

alter table survey_monthly_city add column if not exists first_day date;
delete from survey_monthly_city;

alter table survey_monthly add column if not exists first_day date;
delete from survey_monthly;

alter table complaint_monthly_category add column if not exists first_day date;
delete from complaint_monthly_category;

alter table complaint_monthly_city add column if not exists first_day date;
delete from complaint_monthly_city;

alter table complaint_monthly add column if not exists first_day date;
delete from complaint_monthly;

alter table survey_score_hist_monthly_city add column if not exists first_day date;
delete from survey_score_hist_monthly_city;

alter table survey_score_hist_monthly add column if not exists first_day date;
delete from survey_score_hist_monthly;

alter table survey_experience_monthly_city add column if not exists first_day date;
delete from survey_experience_monthly_city;

alter table survey_experience_monthly add column if not exists first_day date;
delete from survey_experience_monthly;

alter table complaint_subcategory_monthly_city add column if not exists first_day date;
delete from complaint_subcategory_monthly_city;

alter table complaint_subcategory_monthly add column if not exists first_day date;
delete from complaint_subcategory_monthly;

alter table queue_counter_monthly_city add column if not exists first_day date;
delete from queue_counter_monthly_city;

alter table queue_counter_monthly add column if not exists first_day date;
delete from queue_counter_monthly;

alter table queue_lane_wait_hist_city_monthly add column if not exists first_day date;
delete from queue_lane_wait_hist_city_monthly;

alter table queue_lane_wait_hist_monthly add column if not exists first_day date;
delete from queue_lane_wait_hist_monthly;

alter table queue_wait_days_monthly add column if not exists first_day date;
delete from queue_wait_days_monthly;
