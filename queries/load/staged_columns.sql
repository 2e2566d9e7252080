select
    column_name,
    data_type
from duckdb_columns()
where database_name = 'temp' and table_name = '_stage' and column_name not in ('_row', '_reason')
order by column_index
