-- Rules made or changed on the Alerts page. A row with the id of a shipped rule
-- (pulse/alerts/rules.toml) replaces it; is_enabled = 0 turns either kind off.
-- peers: a hall's funnel compares it with the halls of its tier (tier) or with every hall
-- (all): a tier of seven halls, two of them weak, cannot tell those from its spread.
alter table alert_rule add column peers text not null default 'tier';

-- audience: account names who hear the rule's alerts (comma-separated), each only within
-- their scope; empty: everyone whose scope covers the unit
alter table alert_rule add column audience text not null default '';

alter table alert_rule add column changed_by text;

alter table alert_rule add column changed_at text;
