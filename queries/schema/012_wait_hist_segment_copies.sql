-- Copies of queue_wait_hist that keep the segment, for whole months: by city (the Drill-down's
-- segment bars, trends split by segment) and by hall (a hall's peers or the league when a
-- segment filter is on). Without them such a question reads the daily, per-hall base: a year
-- of it is 12 M bucket rows at province scale.

create table if not exists queue_wait_hist_city_segment_monthly as
select * exclude (branch_id, hall_no, tier) from queue_wait_hist
where false;

create table if not exists queue_wait_hist_hall_segment_monthly as
select * from queue_wait_hist
where false;
