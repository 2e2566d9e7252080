"""Hotline calls and agent staffing: Poisson arrivals per 30 minutes, waits from Erlang C."""

from datetime import date

import numpy as np

from .erlang import agents_required, erlang_c
from .profiles import call_day_factor, call_intervals, month_days, special_days
from .world import World

# per queue: share of calls, IVR self-service share, AHT seconds, patience seconds, FCR, transfer
QUEUE_TRAITS = {
    "general": (0.45, 0.38, 240, 420, 0.82, 0.06),
    "billing": (0.18, 0.42, 270, 400, 0.79, 0.05),
    "technical": (0.14, 0.24, 370, 480, 0.70, 0.10),
    "vip": (0.12, 0.14, 300, 480, 0.86, 0.04),
    "complaints": (0.11, 0.05, 420, 540, 0.63, 0.03),
}
# the three-queue centre folds billing and technical into general
SHARE_3 = {"general": 0.76, "vip": 0.14, "complaints": 0.10}
QUEUE_SEGMENTS = {  # regular, silver, gold, diamond, group_a, group_b, group_c
    "vip": [0, 0.34, 0.30, 0.10, 0.10, 0.10, 0.06],
    "complaints": [0.80, 0.07, 0.04, 0.01, 0.02, 0.03, 0.03],
}
GENERAL_SEGMENTS = [0.90, 0.035, 0.012, 0.003, 0.01, 0.02, 0.02]
OUTCOMES = ("ivr_self_service", "answered", "abandoned", "callback")
SLOT = 1800


def _traits(queues):
    """Per-queue arrays of the traits, in the scale's queue order."""
    t = np.array([QUEUE_TRAITS[q] for q in queues], dtype=float)
    if len(queues) == 3:
        t[:, 0] = [SHARE_3[q] for q in queues]
    return t.T


def _outage(world: World, days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(cities, days) masks of the outage days and of the day after them."""
    city, a, b = world.scale.outage
    in_city = (np.array(world.cities) == city)[:, None]
    during = (days >= np.datetime64(a)) & (days <= np.datetime64(b))
    after = days == np.datetime64(b) + 1
    return in_city & during[None, :], in_city & after[None, :]


def _staffing(world, days, forecast_load, aht, rng) -> np.ndarray:
    """Agents on duty per (queue, day, slot): the forecast's need, with habitual gaps."""
    need = agents_required(forecast_load, aht[:, None, None])
    k = special_days(days)
    slot_h = np.arange(48) / 2
    factor = rng.normal(1.0, 0.04, need.shape)
    monday = (k["weekday"] == 1) & k["workday"]
    factor[:, monday, :] *= np.where((slot_h >= 8) & (slot_h < 12), 0.84, 1.0)  # late rosters
    factor *= np.where((slot_h >= 11.5) & (slot_h < 13.5), 0.86, 1.0)  # lunch breaks
    factor *= np.where(rng.random(need.shape) < 0.04, 0.85, 1.0)  # sick calls
    during, _ = _outage(world, days)
    reactive = np.cumsum(during.any(axis=0)) - 1  # overtime only on the outage's third day
    factor[:, during.any(axis=0), :] *= 1 + 0.08 * (reactive[during.any(axis=0)] > 1)[:, None]
    floor = 1 if world.scale.calls_per_day < 1000 else 2
    return np.maximum(np.round(need * factor), floor).astype(np.int64)


def generate_calls(world: World, mi: int, month: date) -> tuple[dict, dict]:
    """One month of calls and of staffing intervals as column arrays (-1 for null times)."""
    rng = world.rng("hotline_call", mi)
    sc, queues = world.scale, world.scale.queues
    share, p_ivr, aht, patience, fcr, transfer = _traits(queues)
    days = month_days(month)
    k = special_days(days)
    prof = np.where(k["workday"][:, None], call_intervals("weekday"), call_intervals("weekend"))
    years = (days - np.datetime64("2024-01-01")).astype(int) / 365.25
    daily = sc.calls_per_day * call_day_factor(days) * (1 + 0.02 * years)
    forecast = share[:, None, None] * daily[None, :, None] * prof[None, :, :]  # (Q, D, 48)
    city_w = world.subscribers[mi].sum(axis=(1, 2)) / world.subscribers[mi].sum()
    during, after = _outage(world, days)
    surge = np.ones((len(queues), len(world.cities), len(days)))
    for qi, q in enumerate(queues):
        boost = {"general": 9.0 if len(queues) == 3 else 4.0, "technical": 12.0}.get(q, 2.5)
        surge[qi] = np.where(during, boost, np.where(after, 1 + (boost - 1) * 0.25, 1.0))
    noise = rng.gamma(300, 1 / 300, (len(queues), 1, len(days), 1))
    noise = noise * rng.gamma(400, 1 / 400, (len(queues), 1, len(days), 48))
    expected = forecast[:, None] * city_w[None, :, None, None] * surge[..., None] * noise
    counts = rng.poisson(expected)  # (Q, C, D, 48)
    cell = np.repeat(np.arange(counts.size), counts.reshape(-1))
    q, c, d, s = np.unravel_index(cell, counts.shape)
    n = len(cell)
    slot_start = days.astype("datetime64[s]").astype(np.int64)[d] + s * SLOT
    arrived = slot_start + rng.integers(0, SLOT, n)
    hit = during[c, d] & np.isin(np.array(queues)[q], ("general", "technical"))
    ivr = rng.random(n) < np.where(hit, 0.45, p_ivr[q])
    queued = np.where(ivr, -1, arrived + rng.integers(15, 56, n))
    qds = (q * len(days) + d) * 48 + s
    offered = np.bincount(qds[~ivr], minlength=len(queues) * len(days) * 48)
    offered = offered.reshape(len(queues), len(days), 48)
    forecast_load = forecast * (1 - p_ivr)[:, None, None] * aht[:, None, None] / SLOT
    agents = _staffing(world, days, forecast_load, aht, rng)
    wait_s = _waits(offered, agents, aht, patience)
    pw, mean_wait, fluid = (x.reshape(-1)[qds] for x in wait_s)
    waits = np.where(rng.random(n) < pw, fluid + rng.exponential(mean_wait), 0) + rng.integers(
        1, 7, n
    )
    give_up = rng.exponential(patience[q])
    cb_at = rng.uniform(25, 50, n)
    busy = (pw * mean_wait + fluid) > 40  # the menu offers a callback when the queue is long
    callback = ~ivr & busy & (rng.random(n) < 0.3) & (waits > cb_at) & (give_up > cb_at)
    abandoned = ~ivr & ~callback & (give_up < waits)
    answered = ~ivr & ~callback & ~abandoned
    outcome = np.select([ivr, answered, abandoned], [0, 1, 2], 3)
    answered_at = np.where(answered, queued + np.round(waits).astype(np.int64), -1)
    handle = np.round((aht[q] - 20) * np.exp(rng.normal(-0.15, 0.55, n))).astype(np.int64) + 20
    ivr_time = np.round(np.exp(rng.normal(np.log(75), 0.5, n))).astype(np.int64)
    ended = np.select(
        [ivr, answered, abandoned],
        [arrived + ivr_time, answered_at + handle, queued + np.round(give_up).astype(np.int64)],
        queued + np.round(cb_at).astype(np.int64),
    )
    transferred = answered & (rng.random(n) < transfer[q])
    p_fcr = fcr[q] - 0.25 * hit - 0.06 * (waits > 120) - 0.2 * transferred
    resolved = answered & (rng.random(n) < p_fcr)
    seg = np.array([QUEUE_SEGMENTS.get(x, GENERAL_SEGMENTS) for x in queues])[q]
    segment = (rng.random(n)[:, None] > np.cumsum(seg, axis=1)).sum(axis=1).clip(0, 6)
    order = np.argsort(arrived, kind="stable")
    cols = {
        "queue": q,
        "city": c,
        "segment": segment,
        "arrived": arrived,
        "queued": queued,
        "answered": answered_at,
        "ended": ended,
        "outcome": outcome,
        "fcr": resolved,
        "transferred": transferred,
        "wait_s": np.where(answered, answered_at - queued, -1),
    }
    cols = {key: v[order] for key, v in cols.items()}
    cols["call_id"] = world.take_ids("hotline_call", n, 500_000_001)
    qq, dd, ss = np.indices(agents.shape).reshape(3, -1)
    staff = {
        "queue": qq,
        "interval_start": days.astype("datetime64[s]").astype(np.int64)[dd] + ss * SLOT,
        "agents": agents.reshape(-1),
    }
    return cols, staff


def _waits(offered, agents, aht, patience):
    """Per interval: P(wait), mean queueing seconds of those who wait, and a backlog delay."""
    capacity = agents * SLOT / aht[:, None, None]
    load = offered * aht[:, None, None] / SLOT
    # abandoned calls take no agent time, so the busy load is below the offered one
    load = load * np.clip(1.05 - 0.25 * load / np.maximum(agents, 1), 0.75, 1.0)
    pw = erlang_c(np.minimum(load, agents * 0.98), agents)
    mean_wait = aht[:, None, None] / np.maximum(agents - np.minimum(load, agents * 0.98), 0.5)
    fluid = np.zeros(offered.shape)
    backlog = np.zeros(offered.shape[:2])
    for s in range(48):  # unserved calls carry over; about half of the excess hangs up
        excess = np.maximum(offered[:, :, s] - capacity[:, :, s], 0)
        fluid[:, :, s] = (backlog + 0.5 * excess) / np.maximum(capacity[:, :, s], 1) * SLOT
        backlog = np.maximum(backlog + 0.5 * (offered[:, :, s] - capacity[:, :, s]), 0)
    return pw, np.minimum(mean_wait, 600), np.minimum(fluid, 1500)
