-- A complaint system's file need not carry a customer id (a city's 311 cases have none):
-- customer_key is optional, and so is is_repeat, which only a known customer can have (the
-- invariant repeat_flag_known_with_customer). Such a file loads without invented values.
-- The complaint rollups gain n_repeat_known (complaints whose repeat flag is known), the
-- denominator of complaint_repeat_rate, and are emptied with their copies, so that opening
-- the store rebuilds them from the complaints (pulse.rollups.fill_empty: an empty rollup is
-- rebuilt with every copy of it, tests/test_store.py).
alter table complaint alter column customer_key drop not null;

alter table complaint alter column is_repeat drop not null;

alter table complaint_daily add column if not exists n_repeat_known bigint default 0;

alter table complaint_daily_city add column if not exists n_repeat_known bigint default 0;

alter table complaint_monthly add column if not exists n_repeat_known bigint default 0;

alter table complaint_monthly_city add column if not exists n_repeat_known bigint default 0;

alter table complaint_subcategory_daily add column if not exists n_repeat_known bigint default 0;

alter table complaint_subcategory_daily_city
add column if not exists n_repeat_known bigint default 0;

alter table complaint_subcategory_monthly
add column if not exists n_repeat_known bigint default 0;

alter table complaint_subcategory_monthly_city
add column if not exists n_repeat_known bigint default 0;

delete from complaint_daily;

delete from complaint_daily_city;

delete from complaint_monthly;

delete from complaint_monthly_city;

delete from complaint_subcategory_daily;

delete from complaint_subcategory_daily_city;

delete from complaint_subcategory_monthly;

delete from complaint_subcategory_monthly_city;
