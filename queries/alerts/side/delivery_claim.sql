-- Claim a delivery under its key; a key seen before keeps its row (SQLite).
insert into delivery (
    delivery_key, alert_id, subscription_id, what, recipient, channel, state, created_at
)
values ($key, $alert_id, $subscription_id, $what, $recipient, $channel, 'pending', $at)
on conflict (delivery_key) do nothing
