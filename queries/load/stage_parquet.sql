create or replace temp table _stage as
select
    file_row_number + 1 as _row,
    * exclude (file_row_number)
from read_parquet($path, file_row_number = true)
