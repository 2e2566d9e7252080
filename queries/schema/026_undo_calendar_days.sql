-- The calendar days a fact load added (load/extend_calendar: a day with facts and no calendar
-- row gets a plain one), so that undoing the load removes them again and the store is exactly
-- as before the load. A day some other fact still has is kept.
create table if not exists undo_calendar_days (
    load_id bigint not null,
    day date not null,
    primary key (load_id, day)
);
