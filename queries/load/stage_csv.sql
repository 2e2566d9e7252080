-- Every value as text, so that a bad value is reported rather than failing the whole read;
-- insertion order is kept, so row_number() is the data row's number in the file.
create or replace temp table _stage as
select
    row_number() over () as _row,
    *
from read_csv(
    $path,
    header = true,
    all_varchar = true,
    delim = ',',
    quote = '"',
    escape = '"',
    strict_mode = true
)
