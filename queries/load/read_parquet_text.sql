-- A Parquet file's values as text, as the profiles read every source.
select columns(*)::varchar
from read_parquet($path)
