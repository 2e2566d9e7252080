-- A file read (and mapped) by pulse.staging: every value text, as in a CSV; _row and _reason.
create or replace temp table _stage as
select *
from read_parquet($path)
