select column_name
from duckdb_columns()
where database_name = 'temp' and table_name = '_stage' and column_name != '_row'
order by column_index
