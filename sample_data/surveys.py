"""Survey responses linked to the ticket, call or complaint behind them; known driver weights."""

from datetime import date

import numpy as np

from .comments import pick_comments
from .customers import SEGMENT_SHARE, draw_brand, draw_segment
from .geography import GEO_SEED
from .profiles import month_days
from .world import World

DIMS = ("network", "tariff", "staff", "speed", "convenience", "billing")
# overall = sum(weight * dimension score) + noise: the key-driver ranking a user should recover
WEIGHTS = np.array([0.30, 0.22, 0.14, 0.18, 0.06, 0.10])
BASE = np.array([8.05, 7.45, 8.65, 8.05, 8.35, 8.55])
TOUCHPOINTS = ("hall", "hotline", "web", "app", "field")
# complaint channel -> touchpoint of the follow-up survey (e-mail and regulator are called back)
CHANNEL_TOUCHPOINT = np.array([0, 1, 2, 3, 1, 1])
# complaint category -> the dimension it hurts: network, billing, staff, speed, tariff, convenience
CATEGORY_DIM = np.array([0, 5, 2, 3, 1, 4])


def _scores(rng, adj: np.ndarray, asked: np.ndarray, segment: np.ndarray):
    """Integer dimension scores (NaN where not asked), overall and recommend."""
    n = len(adj)
    seg_adj = np.zeros((7, 6))
    seg_adj[[2, 3], 2] += 0.3  # gold and diamond get dedicated staff
    seg_adj[6, 1] -= 0.3
    halo = rng.normal(0, 0.75, (n, 1))
    latent = BASE + adj + seg_adj[segment] + halo + rng.normal(0, 1.2, (n, 6))
    dims = np.clip(np.round(latent), 0, 10)
    overall = np.clip(np.round(0.3 + dims @ WEIGHTS + rng.normal(0, 0.6, n)), 0, 10)
    recommend = np.clip(np.round(overall + 0.2 + rng.normal(0, 0.95, n)), 0, 10)
    shown = asked & (rng.random((n, 6)) > 0.03)  # a few items skipped
    return np.where(shown, dims, np.nan), overall, recommend


def _city_adj(world: World) -> np.ndarray:
    """A small fixed offset per city and dimension."""
    return np.random.default_rng(GEO_SEED + 1).normal(0, 0.15, (len(world.cities), 6))


def _outage_adj(world: World, city: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Network score penalty after the outage, fading over about a month."""
    ocity, a, _ = world.scale.outage
    start = np.datetime64(a, "s").astype(np.int64)
    days = (t - start) / 86400
    hit = (np.array(world.cities)[city] == ocity) & (days >= 0)
    return np.where(hit, -2.4 * np.exp(-np.maximum(days, 0) / 30), 0.0)


def _hall(world: World, tk: dict, rng) -> dict:
    """Surveys sent after served tickets: staff and speed fall with the wait."""
    h, sc = world.halls, world.scale
    pick = np.flatnonzero(
        (tk["outcome"] == 0) & (rng.random(len(tk["outcome"])) < sc.hall_survey_rate)
    )
    hall = tk["hall"][pick]
    wait = (tk["called"][pick] - tk["issued"][pick]) / 60
    late = np.maximum(wait - 4, 0)
    adj = np.zeros((len(pick), 6))
    adj[:, 3] -= np.minimum(0.12 * late, 4.5)
    adj[:, 2] -= np.minimum(0.04 * late, 1.5) + 0.9 * h.weak[hall]
    adj[:, 3] -= 0.4 * h.weak[hall]
    adj[:, 2] += 0.3 * tk["priority"][pick]
    city, since = sc.initiative
    smart = (h.city_id[hall] == city) & (
        tk["issued"][pick] >= np.datetime64(since, "s").astype(int)
    )
    adj[:, 3] += 0.5 * smart
    adj[:, 4] += 0.4 * smart
    t = tk["finished"][pick] + np.exp(rng.normal(np.log(1500), 0.6, len(pick))).astype(np.int64)
    return {
        "t": t,
        "touch": np.zeros(len(pick), int),
        "city": world.city_index(h.city_id[hall]),
        "branch": hall,
        "queue": np.full(len(pick), -1),
        "segment": tk["segment"][pick],
        "adj": adj,
        "asked": np.ones((len(pick), 6), bool),
        "ticket": tk["ticket_id"][pick],
        "call": np.full(len(pick), -1),
        "complaint": np.full(len(pick), -1),
        "wait": wait,
    }


def _call(world: World, cl: dict, rng) -> dict:
    """Post-call IVR surveys after answered calls: waits hurt, first-contact resolution helps."""
    n_all = len(cl["outcome"])
    pick = np.flatnonzero((cl["outcome"] == 1) & (rng.random(n_all) < world.scale.call_survey_rate))
    wait = cl["wait_s"][pick] / 60
    fcr, moved = cl["fcr"][pick], cl["transferred"][pick]
    adj = np.zeros((len(pick), 6))
    adj[:, 3] += -np.minimum(0.9 * wait, 4.0) + np.where(fcr, 0.6, -0.8) - 0.5 * moved
    adj[:, 2] += np.where(fcr, 0.4, -0.3)
    adj[:, 4] -= np.minimum(0.15 * wait, 0.6)
    t = cl["ended"][pick] + rng.integers(20, 400, len(pick))
    return {
        "t": t,
        "touch": np.ones(len(pick), int),
        "city": cl["city"][pick],
        "branch": np.full(len(pick), -1),
        "queue": cl["queue"][pick],
        "segment": cl["segment"][pick],
        "adj": adj,
        "asked": np.ones((len(pick), 6), bool),
        "ticket": np.full(len(pick), -1),
        "call": cl["call_id"][pick],
        "complaint": np.full(len(pick), -1),
        "wait": wait,
    }


def _complaint(world: World, cp: dict, rng) -> dict:
    """Surveys after a resolved complaint: on-time resolution and the category drive the scores."""
    ok = cp["status_resolved"] & (rng.random(len(cp["city"])) < world.scale.complaint_survey_rate)
    pick = np.flatnonzero(ok)
    late, rv, cat = cp["late"][pick], cp["return_visit"][pick], cp["cat"][pick]
    adj = np.zeros((len(pick), 6))
    adj[:, 3] += np.where(late, -2.2, 0.3) - 1.0 * (rv == 2)
    adj[:, 2] += np.where(late, -1.2, 0.3) - 1.5 * (rv == 2)
    adj[np.arange(len(pick)), CATEGORY_DIM[cat]] -= 1.8
    touch = CHANNEL_TOUCHPOINT[cp["channel"][pick]]
    queues = list(world.scale.queues)
    t = cp["resolved"][pick] + rng.integers(3 * 3600, 3 * 86400, len(pick))
    return {
        "t": t,
        "touch": touch,
        "city": cp["city"][pick],
        "branch": np.where(touch == 0, cp["branch"][pick], -1),
        "queue": np.where(touch == 1, queues.index("complaints"), -1),
        "segment": cp["segment"][pick],
        "adj": adj,
        "asked": np.ones((len(pick), 6), bool),
        "ticket": np.full(len(pick), -1),
        "call": np.full(len(pick), -1),
        "complaint": pick,
        "wait": rng.uniform(15, 45, len(pick)),
    }


def _relationship(world: World, mi: int, month: date, rng) -> dict:
    """Periodic relationship surveys by web, app and field visit (no contact behind them)."""
    n = rng.poisson(world.scale.relationship_surveys)
    days = month_days(month)
    touch = rng.choice([2, 3, 4], n, p=[0.33, 0.5, 0.17])
    share = np.where(touch[:, None] == 4, np.r_[0.1, SEGMENT_SHARE[1:] * 8], SEGMENT_SHARE)
    segment = draw_segment(share, n, rng)
    city_w = world.subscribers[mi].sum(axis=(1, 2))
    city = rng.choice(len(world.cities), n, p=city_w / city_w.sum())
    hour = np.where(touch == 4, rng.uniform(9.5, 17.5, n), rng.uniform(8, 23, n))
    t = days.astype("datetime64[s]").astype(np.int64)[rng.integers(0, len(days), n)]
    t = t + (hour * 3600).astype(np.int64)
    asked = np.ones((n, 6), bool)
    adj = np.zeros((n, 6))
    adj[touch == 3, 4] += 0.3
    return {
        "t": t,
        "touch": touch,
        "city": city,
        "branch": np.full(n, -1),
        "queue": np.full(n, -1),
        "segment": segment,
        "adj": adj,
        "asked": asked,
        "ticket": np.full(n, -1),
        "call": np.full(n, -1),
        "complaint": np.full(n, -1),
        "wait": np.full(n, 20.0),
    }


def generate_surveys(world: World, mi: int, month: date, tickets, calls, complaints) -> dict:
    """One month of survey responses from this month's contacts plus relationship surveys."""
    rng = world.rng("survey_response", mi)
    parts = [
        _hall(world, tickets, rng),
        _call(world, calls, rng),
        _complaint(world, complaints, rng),
        _relationship(world, mi, month, rng),
    ]
    s = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    end = int((np.datetime64(world.scale.end, "D") + 1).astype("datetime64[s]").astype(int)) - 1
    s = {k: v[s["t"] <= end] for k, v in s.items()}
    s["asked"][np.isin(s["touch"], (2, 3)), 2] = False  # no staff to rate online
    adj = s["adj"] + _city_adj(world)[s["city"]]
    adj[:, 0] += _outage_adj(world, s["city"], s["t"])
    dims, overall, recommend = _scores(rng, adj, s["asked"], s["segment"])
    s["dims"], s["overall"], s["recommend"] = dims, overall, recommend
    s["brand"] = draw_brand(s["segment"], rng)
    s["comment"] = pick_comments(dims, overall, s["touch"] != 0, s["wait"], rng)
    order = np.argsort(s["t"], kind="stable")
    s = {k: v[order] for k, v in s.items()}
    s["response_id"] = world.take_ids("survey_response", len(order), 900_000_001)
    return s
