-- Accounts: one row per user (local password, or an OpenID Connect user matched by e-mail).
-- A scope is kept as comma-separated unit codes per level; times are UTC ISO 8601 text.
create table account (
    account_name text primary key,
    role_name text not null,
    province_ids text not null default '',
    city_ids text not null default '',
    hall_ids text not null default '',
    display_name text not null default '',
    email text not null default '',
    -- argon2id; empty for an account that only signs in through OpenID Connect
    password_hash text not null default '',
    is_disabled integer not null default 0,
    -- failures since the last success or lockout; locked_until ends a lockout
    count_failures integer not null default 0,
    locked_until text,
    created_at text not null,
    changed_at text not null
);

-- an OpenID Connect user is matched to one account by e-mail, case-insensitively
create unique index account_email on account (lower(email))
where email <> '';

-- A signed-in session: the token itself stays with the browser tab, only its hash is kept.
create table user_session (
    token_sha256 text primary key,
    account_name text not null references account (account_name),
    method text not null,
    started_at text not null,
    seen_at text not null,
    ended_at text
);

create index user_session_account on user_session (account_name);
