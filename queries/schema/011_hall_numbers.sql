-- Hall numbers: a small integer for every hall, given once and never changed. The per-hall
-- wait histograms carry it beside the text id, so that summing every hall's buckets over a
-- year groups on integers, which DuckDB does with a perfect hash table, rather than hashing
-- text ids (several times slower for the 2,000 halls of a province). The rollup
-- queue_wait_hist numbers the halls it has not seen before it is rebuilt.

create table if not exists hall_number (
    branch_id varchar primary key,
    hall_no integer not null unique
);

alter table queue_wait_hist add column hall_no integer;

alter table queue_wait_hist_hall_monthly add column hall_no integer;

-- A store that already holds waits: empty the rollup, so that opening the store rebuilds it
-- (and its copies) with the numbers, as it builds any rollup a schema file adds
-- (pulse.rollups.fill_empty).
delete from queue_wait_hist;
