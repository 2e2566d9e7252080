-- A rollup's columns and types: keys are text and dates, measures are numbers.
select
    column_name,
    data_type
from duckdb_columns()
where table_name = $table and schema_name = 'main' and database_name = current_database()
order by column_index
