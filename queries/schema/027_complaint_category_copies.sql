-- Company-wide copies of complaint_daily, by day and by month: every key but the hall, the city,
-- the tier, the segment and the brand. The complaint rollups barely compress (a day of the
-- province store holds 1,800 city rows for its 2,500 complaints), so a question with none of
-- those keys, such as complaints by category for the whole company, read 50,000 city rows for a
-- month; these copies hold about 100 for a day and 3,900 for three years of months.

create table if not exists complaint_daily_category as
select * exclude (branch_id, city_id, tier, segment, brand) from complaint_daily
where false;

create table if not exists complaint_monthly_category as
select * exclude (branch_id, city_id, tier, segment, brand) from complaint_daily
where false;
