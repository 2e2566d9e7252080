"""Business-hall queue tickets: arrivals per hall and hour, waits from a fluid-plus-queue model."""

from datetime import date

import numpy as np

from .customers import VIP_OR_GROUP
from .profiles import HALL_HOURS, hall_day_factor, month_days, special_days
from .world import World

SERVICE_SHARE = np.array([0.12, 0.21, 0.20, 0.10, 0.12, 0.04, 0.21])
SERVICE_MIN = np.array([11.0, 4.5, 6.5, 12.0, 10.0, 14.0, 5.0])  # mean minutes at the counter
MEAN_SERVICE = float(SERVICE_SHARE @ SERVICE_MIN)
TICKET_SEGMENTS = np.array([0.70, 0.085, 0.06, 0.022, 0.03, 0.045, 0.058])
OUTCOMES = ("served", "walked_away", "transferred")
HOURS = 9  # the longest opening day


def _stochastic_wait(load: np.ndarray, servers: np.ndarray) -> np.ndarray:
    """Mean queueing minutes below saturation (Sakasegawa's M/M/s approximation, damped)."""
    rho = np.clip(load / np.maximum(servers, 1e-9), 0, 0.97)
    power = np.sqrt(2 * (servers + 1)) - 1
    # service times vary less than exponential ones: Kingman's (ca2 + cs2) / 2 ~ 0.7
    return 0.7 * MEAN_SERVICE / servers * rho**power / (1 - rho)


def _servers(world: World) -> np.ndarray:
    """Staffed counters per hall: enough for its target wait at an ordinary Monday peak."""
    h = world.halls
    rng = np.random.default_rng([7, len(h.tier)])
    _start, shares = HALL_HOURS["weekday"]
    peak_load = h.volume * max(shares) / sum(shares) * 1.16 * MEAN_SERVICE / 60
    lo = np.select(
        [h.tier == "flagship", h.tier == "standard", h.tier == "rural"], [7, 6, 2.5], 4.5
    )
    target = lo + rng.uniform(0, 3, len(h.tier))  # minutes at the peak; small halls wait less
    grid = np.arange(1.0, 30.0, 0.1)
    waits = _stochastic_wait(peak_load[:, None], grid[None, :])
    waits[peak_load[:, None] > grid[None, :] * 0.97] = np.inf
    servers = grid[(waits <= target[:, None]).argmax(axis=1)]
    servers = np.where(
        h.weak, peak_load / np.where(peak_load > 3, 1.25, 1.1), servers
    )  # the weak run over capacity at peaks
    return np.clip(servers, 1.0, h.counters)


def _hourly(world: World, days: np.ndarray, rng) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Arrivals, mean regular-lane wait (min) and opening minute per (hall, day, hour)."""
    h, _sc = world.halls, world.scale
    k = special_days(days)
    weekend = ~k["workday"]
    expected = h.volume[:, None] * hall_day_factor(days, h.tier, h.city_id)
    expected *= rng.gamma(60, 1 / 60, expected.shape)
    closed = (days[None, :] < h.opened_on[:, None]) | (
        k["spring_eve"][None, :] & (h.tier == "rural")[:, None]
    )
    expected[closed] = 0
    share = np.zeros((len(days), HOURS))
    opening = np.zeros(len(days), dtype=np.int64)
    for kind, mask in (("weekday", ~weekend), ("weekend", weekend)):
        start, w = HALL_HOURS[kind]
        share[mask, : len(w)] = np.array(w) / sum(w)
        opening[mask] = start * 60
    arrivals = rng.poisson(expected[:, :, None] * share[None, :, :])
    servers = _servers(world)[:, None, None] * np.ones((1, len(days), HOURS))
    lunch = np.array([0, 0, 0, 1, 1, 0, 0, 0, 0], dtype=bool)  # 12:00-14:00 on weekdays
    servers[:, ~weekend, :] *= np.where(lunch, 0.8, 1.0)
    servers[:, weekend, :] *= 0.92
    capacity = servers * 60 / MEAN_SERVICE
    backlog = np.zeros(arrivals.shape[:2])
    wait = np.zeros(arrivals.shape)
    for hour in range(HOURS):  # carry the unserved backlog from hour to hour
        a, c = arrivals[:, :, hour], capacity[:, :, hour]
        excess = np.maximum(a - c, 0)
        fluid = (backlog + 0.5 * excess) / np.maximum(c, 1e-9) * 60
        wait[:, :, hour] = fluid + _stochastic_wait(a * MEAN_SERVICE / 60, servers[:, :, hour])
        backlog = np.maximum(backlog + a - c, 0)
    return arrivals, wait, opening


def generate_tickets(world: World, mi: int, month: date) -> dict[str, np.ndarray]:
    """One month of queue tickets as column arrays (times in epoch seconds, -1 for null)."""
    rng = world.rng("queue_ticket", mi)
    h, sc = world.halls, world.scale
    days = month_days(month)
    arrivals, wait, opening = _hourly(world, days, rng)
    if sc.ticket_sample < 1:
        arrivals = rng.binomial(arrivals, sc.ticket_sample)
    cell = np.repeat(np.arange(arrivals.size), arrivals.reshape(-1))
    n = len(cell)
    hall, day, hour = np.unravel_index(cell, arrivals.shape)
    day_s = days.astype("datetime64[s]").astype(np.int64)
    last_hour = np.where(opening[day] == 540, 8, 6) == hour
    issued = day_s[day] + opening[day] * 60 + hour * 3600
    issued += (rng.random(n) * np.where(last_hour, 3000, 3600)).astype(np.int64)
    tier_boost = np.select([h.tier == "flagship", h.tier == "rural"], [1.3, 0.6], 1.0)[hall]
    seg_p = np.where(VIP_OR_GROUP[None, :], tier_boost[:, None], 1.0) * TICKET_SEGMENTS
    segment = (rng.random(n)[:, None] > np.cumsum(seg_p / seg_p.sum(1, keepdims=True), 1)).sum(1)
    vip = VIP_OR_GROUP[segment]
    priority = np.where(vip, rng.random(n) < 0.86, rng.random(n) < 0.02)
    k = special_days(days)
    svc_p = np.tile(SERVICE_SHARE, (n, 1))
    svc_p[k["launch"][day], 3] *= 2.2
    svc_p[np.isin(k["month"][day], (7, 8)), 0] *= 1.3
    service = (rng.random(n)[:, None] > np.cumsum(svc_p / svc_p.sum(1, keepdims=True), 1)).sum(1)
    mean_wait = wait[hall, day, hour]
    wait_min = np.where(
        priority,
        0.18 * mean_wait * rng.gamma(1.5, 1 / 1.5, n) + rng.uniform(0.2, 1.5, n),
        mean_wait * rng.gamma(1.3, 1 / 1.3, n) + rng.uniform(0.3, 2.0, n),
    )
    city, since = sc.initiative
    smart = (h.city_id[hall] == city) & (days[day] >= np.datetime64(since))
    wait_min[smart] *= 0.62  # appointments and smart queuing
    patience = np.exp(rng.normal(np.log(np.where(priority, 40, 65)), 0.55))
    impulsive = rng.random(n) < 0.008
    patience[impulsive] = rng.uniform(1, 10, impulsive.sum())
    walked = patience < wait_min
    outcome = np.where(walked, 1, np.where(rng.random(n) < 0.03, 2, 0))
    wait_s = np.round(wait_min * 60).astype(np.int64)
    called = np.where(~walked | (rng.random(n) < 0.35), issued + wait_s, -1)
    served = np.where(walked, -1, called + rng.integers(10, 91, n))
    slow = np.where(h.weak, 1.12, np.where(h.tier == "flagship", 1.05, 1.0))[hall]
    duration = SERVICE_MIN[service] * slow * np.exp(rng.normal(-0.1, 0.45, n)) * 60
    duration = np.where(outcome == 2, duration * 0.35, duration).astype(np.int64) + 30
    finished = np.where(walked, -1, served + duration)
    order = np.argsort(issued, kind="stable")
    cols = {
        "hall": hall,
        "issued": issued,
        "called": called,
        "served": served,
        "finished": finished,
        "service": service,
        "segment": segment,
        "priority": priority,
        "outcome": outcome,
        "wait_s": np.where(walked, np.round(patience * 60).astype(np.int64), wait_s),
    }
    cols = {key: v[order] for key, v in cols.items()}
    cols["ticket_id"] = world.take_ids("queue_ticket", n, 100_000_001)
    return cols
