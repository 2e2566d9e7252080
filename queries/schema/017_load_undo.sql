-- A load can be undone, and replaced by a corrected file: per loadable table, the keys a load
-- wrote and the rows it replaced are kept (undo_written__<table>, undo_replaced__<table>, made
-- by queries/load/archive_tables.sql.j2 on a table's first load). Loads made before this
-- version kept nothing and cannot be undone.

alter table load_log add column if not exists undoable boolean default false;

alter table load_log add column if not exists undone_at timestamp;

alter table load_log add column if not exists undone_by varchar;

alter table load_log add column if not exists replaces_load bigint;
