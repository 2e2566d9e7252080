-- Events analysts add in the app (outage, initiative, promotion, holiday), beside the loaded
-- event table; every time chart shows both. A deletion keeps the row (deleted_at), so the
-- audit log's entries still point at something.
create table annotation (
    annotation_id integer primary key,
    kind text not null,
    starts_on text not null,
    ends_on text not null,
    city_id text,
    branch_id text,
    title text not null,
    note text not null default '',
    created_by text,
    created_at text not null,
    updated_by text,
    updated_at text,
    deleted_at text
);
