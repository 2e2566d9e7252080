-- A hall's funnel rule compares it with the halls of its tier (tier) or with every hall
-- (all): a tier of a few halls, two of them weak, cannot tell its weak halls from its spread.
alter table alert_rule add column peers text not null default 'tier';
