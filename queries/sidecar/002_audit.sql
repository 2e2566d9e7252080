-- The audit log: who did what, when, under which scope. Append-only: the triggers below
-- refuse every update and delete, whoever asks.
create table audit_log (
    audit_id integer primary key autoincrement,
    recorded_at text not null,
    -- empty for an action nobody signed in made (a failed sign-in, the command line)
    user_name text not null default '',
    role_name text not null default '',
    scope_json text not null default '{}',
    action text not null,
    detail_json text not null default '{}'
);

create index audit_log_recorded on audit_log (recorded_at);

create trigger audit_log_no_update before update on audit_log
begin
    select raise(abort, 'the audit log is append-only');
end;

create trigger audit_log_no_delete before delete on audit_log
begin
    select raise(abort, 'the audit log is append-only');
end;
