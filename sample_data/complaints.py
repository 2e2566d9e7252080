"""Complaint work orders: volumes per subscriber, deadlines, handling times and 30-day repeats."""

from datetime import date

import numpy as np

from .customers import SEGMENT_SHARE, draw_brand, draw_segment
from .dimensions import CATEGORIES, SUBCATEGORIES
from .profiles import call_intervals, month_days, special_days
from .world import World

CATEGORY_IDS = list(CATEGORIES)
COMPLAINT_SEGMENTS = SEGMENT_SHARE * [
    1,
    1.2,
    1.3,
    1.5,
    1.2,
    1.1,
    1.1,
]  # high-value customers complain more
CATEGORY_SHARE = np.array([0.24, 0.28, 0.08, 0.15, 0.17, 0.08])
SUB_CAT = np.array([CATEGORY_IDS.index(s[1]) for s in SUBCATEGORIES])
SUB_SHARE = np.array(
    [0.40, 0.12, 0.33, 0.15, 0.45, 0.35, 0.20, 0.70, 0.30, 0.50, 0.30, 0.20, 0.55, 0.25, 0.20,
     0.55, 0.45]
)  # fmt: skip
CHANNELS = ("hall", "hotline", "web", "app", "email", "regulator")
CHANNEL_SHARE = np.array([0.12, 0.52, 0.08, 0.172, 0.02, 0.008])
SEVERITIES = ("low", "medium", "high")
DUE_S = np.array([15 * 86400, 5 * 86400, 48 * 3600])  # MIIT: at most 15 days
RETURN_VISITS = ("satisfied", "neutral", "dissatisfied")
DAY = 86400


def data_end_s(world: World) -> int:
    """Epoch second of the last moment of the data (23:59:59 on the last day)."""
    return int((np.datetime64(world.scale.end, "D") + 1).astype("datetime64[s]").astype(int)) - 1


def hex_keys(values: np.ndarray) -> np.ndarray:
    """uint64 values as 16-character lowercase hex strings, without a Python loop."""
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    nibbles = (values[:, None] >> np.arange(60, -4, -4, dtype=np.uint64)) & np.uint64(15)
    return digits[nibbles.astype(np.int64)].view("S16").ravel().astype("U16")


def _fresh(world: World, mi: int, month: date, rng) -> dict[str, np.ndarray]:
    """First complaints of customers, per city, day and category."""
    days = month_days(month)
    k = special_days(days)
    subs = world.subscribers[mi].sum(axis=(1, 2)).astype(float)
    rate = world.scale.complaints_per_million / 1e6 / len(days)
    day_f = np.where(k["workday"], 1.06, 0.88) * np.where(k["spring"], 0.6, 1.0)
    cat_f = np.ones((len(days), len(CATEGORY_IDS)))
    cat_f[:, 1] *= np.where(k["dom"] <= 6, 1.35, 0.93)  # bills
    cat_f[:, 4] *= np.where(k["double11"], 1.5, 1.0)
    cat_f[:, 5] *= np.where(k["launch"], 1.3, 1.0)
    city, a, _b = world.scale.outage
    since = (days - np.datetime64(a)).astype(int)
    surge = np.where((since >= 0) & (since < 7), 7.0 * np.exp(-0.22 * np.maximum(since - 2, 0)), 1)
    expected = (subs * rate)[:, None, None] * day_f[None, :, None] * cat_f[None] * CATEGORY_SHARE
    expected[np.array(world.cities) == city, :, 0] *= surge
    counts = rng.poisson(expected)
    ci, di, cat = np.unravel_index(np.repeat(np.arange(counts.size), counts.ravel()), counts.shape)
    n = len(ci)
    prof = call_intervals("weekday")
    slot = np.searchsorted(np.cumsum(prof), rng.random(n) * prof.sum())
    received = days.astype("datetime64[s]").astype(np.int64)[di] + slot * 1800
    received += rng.integers(0, 1800, n)
    segment = draw_segment(COMPLAINT_SEGMENTS, n, rng)
    key = rng.integers(0, 2**63, n, dtype=np.int64).astype(np.uint64) | np.uint64(1 << 63)
    in_outage = (np.array(world.cities)[ci] == city) & (since[di] >= 0) & (since[di] < 7)
    return {
        "city": ci,
        "received": received,
        "cat": cat,
        "segment": segment,
        "brand": draw_brand(segment, rng),
        "key": key,
        "outage": in_outage,
        "channel": np.full(n, -1),
        "branch": np.full(n, -1),
    }


def _details(world: World, c: dict, month: date, rng) -> None:
    """Channel, subcategory, branch, severity and the handling timeline, in place."""
    n = len(c["city"])
    h = world.halls
    free = c["channel"] < 0
    ch = np.searchsorted(np.cumsum(CHANNEL_SHARE), rng.random(n) * CHANNEL_SHARE.sum()).clip(0, 5)
    c["channel"] = np.where(free, ch, c["channel"])
    sub_p = np.where(SUB_CAT[None, :] == c["cat"][:, None], SUB_SHARE[None, :], 0.0)
    sub_p[c["outage"] & (c["cat"] == 0), 1] *= 12  # outage complaints are filed as outages
    sub = (rng.random(n)[:, None] * sub_p.sum(1, keepdims=True) > np.cumsum(sub_p, 1)).sum(1)
    c["sub"] = sub
    # a hall is named for hall complaints and for half the attitude and handling ones
    named = (c["channel"] == 0) | (np.isin(c["cat"], (2, 3)) & (rng.random(n) < 0.5))
    opened = h.opened_on <= np.datetime64(month)
    hall_city = world.city_index(h.city_id)
    w = h.volume * opened
    w_bad = w * np.where(h.weak, 4.0, 1.0)  # weak halls draw the attitude complaints
    pick = np.full(n, -1)
    for ci in np.unique(c["city"][named]):  # loop over cities, not rows
        cand = np.flatnonzero(hall_city == ci)
        rows = np.flatnonzero(named & (c["city"] == ci))
        bad = np.isin(c["cat"][rows], (2, 3))
        for mask, weights in ((bad, w_bad[cand]), (~bad, w[cand])):
            if mask.any():
                p = weights / weights.sum()
                pick[rows[mask]] = cand[rng.choice(len(cand), mask.sum(), p=p)]
    c["branch"] = np.where(c["branch"] >= 0, c["branch"], pick)
    reg = c["channel"] == 5
    high = np.select([reg, c["outage"] & (c["cat"] == 0), c["cat"] == 0], [0.35, 0.4, 0.1], 0.05)
    u = rng.random(n)
    c["severity"] = np.where(u < high, 2, np.where(u < high + 0.36, 1, 0))
    window = DUE_S[c["severity"]]
    c["due"] = c["received"] + window
    med = np.array([14.0, 5.0, 1.2])[c["severity"]] * 3600
    first = np.minimum(med * np.exp(rng.normal(0, 0.8, n)), window * 0.9)
    weak_bad = (c["branch"] >= 0) & h.weak[c["branch"]] & np.isin(c["cat"], (2, 3))
    p_late = np.select([c["outage"], weak_bad, reg], [0.22, 0.10, 0.02], 0.035)
    late = rng.random(n) < p_late
    on_time = window * rng.beta(1.8, 3.2, n) + 1800
    c["resolve_s"] = np.where(late, window * (1 + rng.exponential(0.35, n)), on_time)
    c["first"] = c["received"] + np.minimum(first, c["resolve_s"]).astype(np.int64)
    c["resolved"] = c["received"] + c["resolve_s"].astype(np.int64)
    c["late"] = c["resolved"] > c["due"]
    c["escalated"] = reg | (rng.random(n) < np.where(c["late"], 0.04, 0.003))
    p_sat = np.where(c["late"], 0.45, np.where(weak_bad, 0.62, 0.8))
    u = rng.random(n)
    rv = np.where(u < p_sat, 0, np.where(u < p_sat + (1 - p_sat) * 0.55, 1, 2))
    c["return_visit"] = np.where(rng.random(n) < 0.8, rv, -1)


def _follow_ups(c: dict, rng) -> dict[str, np.ndarray]:
    """The complaints these customers file again later (some within 30 days: repeats)."""
    n = len(c["city"])
    p = 0.045 + 0.18 * c["late"] + 0.30 * (c["return_visit"] == 2) + 0.1 * (c["return_visit"] == 1)
    go = rng.random(n) < p
    idx = np.flatnonzero(go)
    after = c["resolved"][idx] + (rng.exponential(6.0, len(idx)) * DAY).astype(np.int64) + 3600
    same = rng.random(len(idx)) < 0.7
    cat = np.where(same, c["cat"][idx], rng.choice(6, len(idx), p=CATEGORY_SHARE))
    angry = c["late"][idx] | (c["return_visit"][idx] == 2)
    channel = np.where(angry & (rng.random(len(idx)) < 0.12), 5, -1)
    return {
        "city": c["city"][idx],
        "received": after,
        "cat": cat,
        "segment": c["segment"][idx],
        "brand": c["brand"][idx],
        "key": c["key"][idx],
        "outage": np.zeros(len(idx), dtype=bool),
        "channel": channel,
        "branch": np.where(same, c["branch"][idx], -1),
    }


FRESH_KEYS = ("city", "received", "cat", "segment", "brand", "key", "outage", "channel", "branch")


def _cat(parts: list[dict]) -> dict[str, np.ndarray]:
    """Concatenate column dicts."""
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def generate_complaints(world: World, mi: int, month: date) -> dict[str, np.ndarray]:
    """One month of complaints, with repeats computed against the 30 days before."""
    rng = world.rng("complaint", mi)
    int(np.datetime64(month, "s").astype(np.int64))
    stop = int(np.datetime64(np.datetime64(month, "M") + 1, "s").astype(np.int64))
    pending = world.carry.get("complaint_pending")
    parts = [_fresh(world, mi, month, rng)]
    if pending is not None:
        parts.append({k: v[pending["received"] < stop] for k, v in pending.items()})
    rows = _cat(parts)
    later = (
        [] if pending is None else [{k: v[pending["received"] >= stop] for k, v in pending.items()}]
    )
    done = []
    while len(rows["city"]):  # generations of follow-ups within the month
        _details(world, rows, month, rng)
        done.append(rows)
        nxt = _follow_ups(rows, rng)
        later.append({k: v[nxt["received"] >= stop] for k, v in nxt.items()})
        rows = {k: v[nxt["received"] < stop] for k, v in nxt.items()}
        if not len(rows["city"]):
            break
    c = _cat(done)
    end = data_end_s(world)
    keep = c["received"] <= end
    c = {k: v[keep] for k, v in c.items()}
    world.carry["complaint_pending"] = _cat(later) if later else None
    c["repeat"] = _repeats(world, c, stop)
    order = np.argsort(c["received"], kind="stable")
    c = {k: v[order] for k, v in c.items()}
    c["status_resolved"] = c["resolved"] <= end
    c["first_known"] = c["first"] <= end
    seq = np.arange(1, len(order) + 1).astype("U6")
    c["complaint_id"] = np.strings.add(f"CP{month:%Y%m}", np.strings.zfill(seq, 6))
    c["customer_key"] = hex_keys(c["key"])
    return c


def _repeats(world: World, c: dict, stop: int) -> np.ndarray:
    """True when the same customer has another complaint received in the 30 days before."""
    prev_key, prev_t = world.carry.get("complaint_recent", (np.zeros(0, np.uint64), np.zeros(0)))
    keys = np.concatenate([prev_key, c["key"]])
    t = np.concatenate([prev_t, c["received"]]).astype(np.int64)
    cur = np.r_[np.zeros(len(prev_key), bool), np.ones(len(c["key"]), bool)]
    order = np.lexsort((t, keys))
    ks, ts = keys[order], t[order]
    rep = np.zeros(len(keys), dtype=bool)
    rep[1:] = (ks[1:] == ks[:-1]) & (ts[1:] - ts[:-1] <= 30 * DAY) & (ts[1:] > ts[:-1])
    out = np.empty(len(keys), dtype=bool)
    out[order] = rep
    recent = t >= stop - 31 * DAY
    world.carry["complaint_recent"] = (keys[recent], t[recent])
    return out[cur]
