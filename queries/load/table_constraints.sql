-- The CHECK and PRIMARY KEY constraints of a table, as DuckDB holds them.
select
    constraint_type,
    constraint_text,
    expression,
    constraint_column_names as column_names
from duckdb_constraints()
where
    table_name = $table
    and schema_name = 'main'
    and database_name = current_database()
    and constraint_type in ('CHECK', 'PRIMARY KEY')
order by constraint_index
