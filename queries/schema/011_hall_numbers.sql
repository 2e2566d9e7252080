-- Hall numbers: a small integer for every hall, given once and never changed. The per-hall
-- wait histograms carry it beside the text id, so that summing every hall's buckets over a
-- year groups on integers, which DuckDB does with a perfect hash table, rather than hashing
-- text ids (several times slower for the 2,000 halls of a province). The rollup
-- queue_wait_hist numbers the halls it has not seen before it is rebuilt.

create table if not exists hall_number (
    branch_id varchar primary key,
    hall_no integer not null unique
);

-- a store that already holds halls and histograms: number the halls and fill the new column
insert into hall_number
select
    branch_id,
    cast(row_number() over (order by branch_id) - 1 as integer) as hall_no
from branch;

alter table queue_wait_hist add column hall_no integer;

alter table queue_wait_hist_hall_monthly add column hall_no integer;

update queue_wait_hist as q
set hall_no = h.hall_no
from hall_number as h
where q.branch_id = h.branch_id;

update queue_wait_hist_hall_monthly as q
set hall_no = h.hall_no
from hall_number as h
where q.branch_id = h.branch_id;
