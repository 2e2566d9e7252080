-- Every import, and every row it rejected, so an analyst can see and fix what was refused.

create sequence if not exists load_id_seq start 1;

create table if not exists load_log (
    load_id bigint primary key default nextval('load_id_seq'),
    table_name varchar not null,
    file_name varchar not null,
    checksum_sha256 varchar not null,
    rows_in bigint not null,
    rows_loaded bigint not null,
    rows_rejected bigint not null,
    loaded_by varchar not null,
    loaded_at timestamp not null,
    check (rows_loaded + rows_rejected = rows_in)
);

create table if not exists load_reject (
    load_id bigint not null,
    row_number bigint not null,  -- 1-based data row in the file, header excluded
    reason varchar not null,
    primary key (load_id, row_number)
);
