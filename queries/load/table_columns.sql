-- The columns of a table, in order, with their types and whether a value is required.
select
    column_name,
    data_type,
    not is_nullable as is_required
from duckdb_columns()
where table_name = $table and schema_name = 'main' and database_name = current_database()
order by column_index
